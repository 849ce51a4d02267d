"""The rules of access that need only someone's roles: which local areas' records they may see,
report on, run or administer, and which sections of the service they are shown.

The rules about one child's case (who sees it, changes it, invites the family) are in
`casework/access.py`, which reads casework's tables; it builds on these. Parts of the service
below casework (the job queue, messages, the navigation) ask this module, so between the two
files every decision of who may do what is written once. Memberships come from
`accounts.selectors.areas_where`, which only looks roles up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendtrack.accounts.models import (
    INVOLVED_ROLES,
    LA_CASE_ROLES,
    REPORTING_ROLES,
    STAFF_ROLES,
    LocalArea,
    Role,
)
from sendtrack.accounts.selectors import areas_where

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from sendtrack.accounts.models import User

    Someone = User | AnonymousUser

# Who runs a local area's records: its administrators and SEND managers (access log, subject access).
ADMINISTERING_ROLES = frozenset({Role.ADMINISTRATOR, Role.SEND_MANAGER})
# Who changes a local area's improvement plans: import, record updates on any action, publish.
PLAN_MANAGING_ROLES = frozenset({Role.SEND_MANAGER, Role.ADMINISTRATOR})
# Who confirms the sections of an EHC plan written from their agency's advice.
AGENCY_ROLES = {
    "health": frozenset({Role.HEALTH_ADVISOR, Role.DESIGNATED_CLINICAL_OFFICER}),
    "social_care": frozenset({Role.SOCIAL_WORKER}),
    "education": frozenset({Role.SETTING_SENCO, Role.EDUCATIONAL_PSYCHOLOGIST}),
}
# Local areas -------------------------------------------------------------------------------------


def council_case_areas(user: Someone) -> list[LocalArea]:
    """Local areas whose every case this user works on: caseworkers and SEND managers of the
    area's council. Only they change cases, run panels and invite families."""
    return areas_where(user, LA_CASE_ROLES, council_only=True)


def reporting_areas(user: Someone) -> list[LocalArea]:
    """Local areas whose area-wide figures (KPIs, SEN2, survey results) this user may see: where
    they are a SEND manager, caseworker, designated clinical officer or board member. The figures
    are aggregates, never one child's record."""
    return areas_where(user, REPORTING_ROLES | LA_CASE_ROLES)


def administered_areas(user: Someone) -> list[LocalArea]:
    """Local areas whose records this user administers (access log, subject access): where they
    are an administrator or SEND manager."""
    return areas_where(user, ADMINISTERING_ROLES)


def quality_audit_areas(user: Someone) -> list[LocalArea]:
    """Local areas whose quality audits of EHC plans this user runs and reads in full: where they
    are a SEND manager. Auditors see only the rounds they are assigned to."""
    return areas_where(user, {Role.SEND_MANAGER})


def plan_areas(user: Someone) -> list[LocalArea]:
    """Local areas whose improvement plans, drafts included, this user may see: every member of
    the area's staff (any role but parent). The public sees published versions only."""
    return areas_where(user, STAFF_ROLES)


def inspection_clock_areas(user: Someone) -> list[LocalArea]:
    """Local areas whose area SEND inspection clock this user sees: its SEND managers and board
    members, who answer for the inspection."""
    return areas_where(user, {Role.SEND_MANAGER, Role.BOARD_MEMBER})


def inspection_list_areas(user: Someone) -> list[LocalArea]:
    """Local areas whose inspection person-level lists and census extracts this user may produce:
    the SEND managers of the area's council, as the lists name every child."""
    return areas_where(user, {Role.SEND_MANAGER}, council_only=True)


def plan_managing_areas(user: Someone) -> list[LocalArea]:
    """Local areas whose improvement plans this user may import, change and publish: where they
    are a SEND manager or administrator."""
    return areas_where(user, PLAN_MANAGING_ROLES)


# Who audits EHC plans for each agency: the people a SEND manager may pick for a quality audit round.
AUDITOR_ROLES = {
    "education": (Role.CASEWORKER, Role.SEND_MANAGER, Role.EDUCATIONAL_PSYCHOLOGIST, Role.SETTING_SENCO),
    "health": (Role.HEALTH_ADVISOR, Role.DESIGNATED_CLINICAL_OFFICER),
    "social_care": (Role.SOCIAL_WORKER,),
}


def auditor_roles(agency: str) -> tuple[str, ...]:
    """The roles whose holders may audit an EHC plan's sections for `agency` (none for another agency)."""
    return AUDITOR_ROLES.get(agency, ())


# The service navigation -------------------------------------------------------------------------

_CASE_ROLES = INVOLVED_ROLES | LA_CASE_ROLES
_COUNCIL_TEAM = frozenset({Role.CASEWORKER, Role.SEND_MANAGER})
_OVERSIGHT = frozenset(
    {Role.SEND_MANAGER, Role.BOARD_MEMBER, Role.DESIGNATED_CLINICAL_OFFICER, Role.CASEWORKER}
)
_RUNNING = frozenset({Role.SEND_MANAGER, Role.ADMINISTRATOR})
SECTION_ROLES = {
    "core:home": frozenset(Role),
    "casework:tracker": _COUNCIL_TEAM,
    "casework:advice": _CASE_ROLES,
    "casework:reviews": _CASE_ROLES,
    "casework:phase-transfers": _CASE_ROLES,
    "casework:panels": _COUNCIL_TEAM,
    "improvement:plans": _OVERSIGHT | _RUNNING,
    "performance:dashboard": _OVERSIGHT,
    "forecast:forecast": _OVERSIGHT,
    "portal:survey-results": _OVERSIGHT,
    "portal:family-home": frozenset({Role.PARENT}),
    "accounts:invite-user": _RUNNING,
    "casework:import-cases": _RUNNING,
    "jobs:schedules": frozenset({Role.ADMINISTRATOR}),
}


def sees_section(role: str, url_name: str) -> bool:
    """Whether someone in `role` is shown the navigation link to the section at `url_name`: the
    sections their work needs (SECTION_ROLES); a section not listed there is shown to nobody. The
    link is only a way in: each page still asks the rules of this module."""
    return role in SECTION_ROLES.get(url_name, ())


# Below casework ----------------------------------------------------------------------------------


def case_importing_areas(user: Someone) -> list[LocalArea]:
    """Local areas into which this user may import a case file: where they are a SEND manager or
    administrator."""
    return areas_where(user, PLAN_MANAGING_ROLES)


def job_areas(user: Someone) -> list[LocalArea]:
    """Local areas whose every job (imports, exports, refreshes) this user may follow, besides
    the jobs they started themselves: where they are an administrator."""
    return areas_where(user, {Role.ADMINISTRATOR})


def runs_the_service(user: Someone) -> bool:
    """Whether this user sees every area's jobs (the scheduler's included) and refused messages:
    a superuser, who runs the service itself."""
    return bool(user.is_superuser)


def address_fixing_areas(user: Someone) -> list[LocalArea]:
    """Local areas whose refused messages (an email or address the sending service rejected)
    this user sees, to correct the address: the council's caseworkers, SEND managers and
    administrators. A superuser sees every area's."""
    return areas_where(user, {Role.SEND_MANAGER, Role.ADMINISTRATOR, Role.CASEWORKER})


def may_use_admin_site(user: Someone) -> bool:
    """Whether this user may use the administration site: an active staff account of an
    administrator of some area, or a superuser."""
    return bool(
        user.is_active and user.is_staff and (user.is_superuser or areas_where(user, {Role.ADMINISTRATOR}))
    )
