"""Who may see, change, report on, invite to or administer a child's case: the rules of access that
read casework's records, beside `accounts/access.py` (the rules that need only roles).

Each rule is one function (or one queryset method that calls it) whose docstring says the rule in
plain words. Pages, the API, exports, selectors and commands ask these functions; nothing else
decides who may do what.

The one door to a child's record is `get_visible_case_or_404`: it finds the case by the rule its
purpose needs, writes the access-log row, and only then returns the case. A hidden case and a missing
one give the same 404 (even the existence of a child's case is private); a case the user can see
but may not change gives 403. When the access-log row cannot be written the door raises
`AccessLogUnavailable`, which one middleware and one API exception handler answer with a polite 503.

The module sits in casework because the case rules read casework's tables; apps above casework
(performance, improvement, portal) call it for their records too. Which areas someone's roles reach
comes from `accounts/access.py`, below.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connections, router
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import Combinable
from django.http import Http404
from django.utils import timezone

from sendtrack.accounts.access import (
    AGENCY_ROLES,
    administered_areas,
    council_case_areas,
    inspection_list_areas,
    plan_managing_areas,
    reporting_areas,
)
from sendtrack.accounts.models import (
    INVOLVED_ROLES,
    STAFF_ROLES,
    Role,
)
from sendtrack.accounts.prepared import cursor as prepared_cursor
from sendtrack.accounts.selectors import current_memberships
from sendtrack.casework.access_purposes import NEEDS as NEEDS  # re-exported: callers ask access for both
from sendtrack.casework.access_purposes import Need as Need
from sendtrack.casework.access_purposes import Purpose as Purpose
from sendtrack.casework.case_rows import cases_with_details
from sendtrack.casework.models import AccessLog, Case, CaseEvent, FamilyLink, Involvement, Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from sendtrack.accounts.models import User

    Someone = User | AnonymousUser

CasesT = TypeVar("CasesT", bound=QuerySet[Case])
INSERT_READ = (
    "INSERT INTO casework_accesslog (actor_id, case_id, person_id, action, at, path)"
    " VALUES (%s, %s, %s, %s, %s, %s) RETURNING id"
)

# Event types addressed to an organisation: being asked makes that organisation involved.
ADDRESSED_EVENT_TYPES = ("advice_requested", "setting_consulted", "setting_responded", "advice_received")
MAY_NOT_CHANGE = "Only the local authority's SEND team can change this case"
ACCESS_LOG_UNAVAILABLE = (
    "Sorry, this record cannot be shown right now because we could not note that you viewed it. "
    "Try again in a few minutes."
)


class AccessLogUnavailable(Exception):
    """The access-log row could not be written, so the record must not be shown (answered with 503)."""


# Cases -------------------------------------------------------------------------------------------


def visible_cases(cases: CasesT, user: Someone, *, as_family: bool = True) -> CasesT:
    """The cases this user may see. A case is visible when:

    - the user is a caseworker or SEND manager of the local authority of the case's area;
    - the user's organisation was asked for advice or consulted in the case (health advisor,
      designated clinical officer, social worker, educational psychologist, setting SENCO);
    - the user's organisation has a current, dated involvement in the case (same roles);
    - the user is a designated clinical officer in the case's area and health advice was requested;
    - the user is a parent, carer or the young person with a current family link to the person.

    Everyone else (board members, administrators, anonymous visitors) sees no case. With
    `as_family=False`, the last reason does not count: the cases the user sees through their work.
    """
    if not user.is_authenticated:
        return cases.none()
    today = timezone.localdate()
    memberships = current_memberships(user)
    involved_orgs = [m.organisation_id for m in memberships if m.role in INVOLVED_ROLES]
    dco_areas = [
        m.organisation.local_area_id for m in memberships if m.role == Role.DESIGNATED_CLINICAL_OFFICER
    ]

    condition: Q | Combinable = Q(pk__in=[])
    la_areas = [area.pk for area in council_case_areas(user)]
    if la_areas:
        condition |= Q(local_area_id__in=la_areas)
    if involved_orgs:
        condition |= Exists(
            CaseEvent.objects.filter(
                case=OuterRef("pk"), organisation_id__in=involved_orgs, type__in=ADDRESSED_EVENT_TYPES
            )
        )
        condition |= Exists(
            Involvement.objects.filter(case=OuterRef("pk"), organisation_id__in=involved_orgs)
            .filter(started_on__lte=today)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        )
    if dco_areas:
        condition |= Q(local_area_id__in=dco_areas) & Exists(
            CaseEvent.objects.filter(case=OuterRef("pk"), type="advice_requested", data__from="health")
        )
    if as_family and (not memberships or any(m.role == Role.PARENT for m in memberships)):
        condition |= Exists(FamilyLink.objects.current().filter(person=OuterRef("person_id"), user=user))
    return cases.filter(condition)


def family_cases(user: Someone) -> QuerySet[Case]:
    """The cases a parent, carer or young person follows on the family pages: those they may see
    and have a current family link to (a caseworker who is also a parent sees only their own child
    there)."""
    if not user.is_authenticated:
        return Case.objects.none()
    linked = FamilyLink.objects.current().filter(user=user).values("person_id")
    return Case.objects.visible_to(user).filter(person_id__in=linked)


def reported_cases(cases: CasesT, user: Someone) -> CasesT:
    """Every case of the areas whose area-wide figures this user may see (`reporting_areas`), for
    KPIs and the SEN2 return; never for showing a record."""
    return cases.filter(local_area__in=[area.pk for area in reporting_areas(user)])


def administered_cases(user: Someone) -> QuerySet[Case]:
    """Every case of the areas this user administers (`administered_areas`): whose access log they
    may read and whose subject access export they may make, without seeing the cases' pages."""
    return Case.objects.filter(local_area__in=[area.pk for area in administered_areas(user)])


def may_change_case(user: Someone, case: Case) -> bool:
    """Only the council's SEND staff of the case's area record events and edit its details."""
    return any(area.pk == case.local_area_id for area in council_case_areas(user))


def require_change(user: Someone, case: Case) -> None:
    """403 for someone who can see the case but may not change it."""
    if not may_change_case(user, case):
        raise PermissionDenied(MAY_NOT_CHANGE)


def may_see_documents(user: Someone, case: Case) -> bool:
    """Whoever sees the case through their work sees its documents on the record; the family sees
    only those shared with them, on the family pages. For a case the user is known to see: only
    someone who is also a parent or carer needs the question asked of the database."""
    memberships = current_memberships(user)
    if memberships and not any(m.role == Role.PARENT for m in memberships):
        return True
    return visible_cases(Case.objects.filter(pk=case.pk), user, as_family=False).exists()


def may_invite_family(user: Someone, person: Person) -> bool:
    """Caseworkers and SEND managers of the council of the person's area invite parents, carers and
    the young person, and see who in the family already follows the record."""
    return any(area.pk == person.local_area_id for area in council_case_areas(user))


def may_administer_case(user: Someone, case: Case) -> bool:
    """The area's administrators and SEND managers read the case's access log and make subject
    access exports."""
    return any(area.pk == case.local_area_id for area in administered_areas(user))


def may_confirm_sections(user: Someone, *, agency: str, organisation_id: int | None) -> bool:
    """Staff of the agency asked for advice (of its organisation, when one was named) confirm the
    EHC plan's sections written from that advice."""
    roles = AGENCY_ROLES.get(agency, frozenset())
    return any(
        m.role in roles and (organisation_id is None or m.organisation_id == organisation_id)
        for m in current_memberships(user)
    )


# Area SEND inspections --------------------------------------------------------------------------


def may_name_inspection_leads(user: Someone, local_area_id: int) -> bool:
    """The council's SEND managers of the area name (and stop naming) its inspection leads."""
    return any(area.pk == local_area_id for area in inspection_list_areas(user))


def may_be_inspection_lead(user: Someone, local_area_id: int) -> bool:
    """Only the council's caseworkers and SEND managers of the area can be named inspection leads."""
    return any(area.pk == local_area_id for area in council_case_areas(user))


def may_track_for_inspection(user: Someone, local_area_id: int, inspection_leads: Collection[int]) -> bool:
    """An inspection's tracked and sampled children, and their packs, are seen only by the leads a
    SEND manager named for that inspection (`inspection_leads`, user ids), while each is still a
    caseworker or SEND manager of the area's council. Nobody else, not even another SEND manager,
    an administrator or a board member, sees them."""
    return (
        user.is_authenticated
        and user.pk in inspection_leads
        and any(area.pk == local_area_id for area in council_case_areas(user))
    )


def inspection_lead_cases(user: Someone, inspection_leads: Collection[int]) -> QuerySet[Case]:
    """The cases a named inspection lead opens for the inspectors: every case of the areas where
    `may_track_for_inspection` holds (the caller limits them to the tracked children)."""
    if not user.is_authenticated or user.pk not in inspection_leads:
        return Case.objects.none()
    areas = [area.pk for area in council_case_areas(user)]
    return Case.objects.filter(local_area__in=areas)


# Improvement plans -------------------------------------------------------------------------------


def may_manage_plans(user: Someone, local_area_id: int) -> bool:
    """SEND managers and administrators of the plan's area change its plans; so does a superuser
    (the partnership's support desk)."""
    if any(area.pk == local_area_id for area in plan_managing_areas(user)):
        return True
    return bool(getattr(user, "is_superuser", False))


def may_update_action(user: Someone, *, local_area_id: int, organisation: str) -> bool:
    """Plan managers update any action; staff of the organisation named as an action's lead, in
    the plan's area, update that action."""
    if may_manage_plans(user, local_area_id):
        return True
    if not organisation:
        return False
    return any(
        m.role in STAFF_ROLES
        and m.organisation.local_area_id == local_area_id
        and m.organisation.name.casefold() == organisation.casefold()
        for m in current_memberships(user)
    )


# The one door to a child's record --------------------------------------------------------------


def get_visible_case_or_404(
    user: User,
    case_ref: str,
    *,
    purpose: Purpose,
    path: str = "",
    inspection_leads: Collection[int] = (),
) -> Case:
    """The case with this reference, opened for `purpose`, with its access-log row written.

    - 404 when the user may not reach the case for this purpose or it does not exist (the same
      answer either way);
    - an inspection purpose opens only for the inspection's named leads (`inspection_leads`);
    - 403 when they can see it but the purpose changes it and they may not change it;
    - `AccessLogUnavailable` when the access-log row cannot be written: nothing is shown.
    """
    need = NEEDS[purpose]
    if need is Need.ADMINISTER:
        candidates = administered_cases(user)
    elif need is Need.FAMILY:
        candidates = family_cases(user)
    elif need is Need.INSPECTION_LEAD:
        candidates = inspection_lead_cases(user, inspection_leads)
    elif need is Need.SEE_AT_WORK:
        candidates = visible_cases(Case.objects.all(), user, as_family=False)
    else:
        candidates = Case.objects.visible_to(user)
    cases = cases_with_details(candidates.filter(case_ref=case_ref))
    if not cases:
        raise Http404("No case found")
    if need is Need.CHANGE:
        cases = [case for case in cases if may_change_case(user, case)]
    elif need is Need.INVITE:
        cases = [case for case in cases if may_invite_family(user, case.person)]
    if not cases:
        raise PermissionDenied(MAY_NOT_CHANGE)
    case = cases[0]
    log_case_read(user, case, purpose=purpose, path=path)
    return case


def log_case_read(user: User, case: Case, *, purpose: Purpose, path: str = "") -> AccessLog:
    """Write one access-log row: who read which person's record, why, and at which address.

    Only the door and `log_cases_exported` write access-log rows; a database error becomes
    `AccessLogUnavailable` so the caller shows nothing of the record. The row is inserted by a
    statement written once (prepared on PostgreSQL) rather than the ORM's, on every record read;
    in autocommit it is durable before the caller goes on.
    """
    row = AccessLog(actor=user, case=case, person_id=case.person_id, action=purpose.value, path=path[:500])
    using = router.db_for_write(AccessLog)
    at = connections[using].ops.adapt_datetimefield_value(row.at)
    try:
        with prepared_cursor(using) as cursor:
            cursor.execute(INSERT_READ, [row.actor_id, row.case_id, row.person_id, row.action, at, row.path])
            (row.pk,) = cursor.fetchone()
    except DatabaseError as error:
        raise AccessLogUnavailable from error
    row._state.adding = False
    row._state.db = using
    return row


def log_cases_exported(user: User, cases: Iterable[Case], *, path: str = "") -> int:
    """One access-log row for each case in an export, inserted in bulk before the file is made."""
    path = path[:500]
    rows = [
        AccessLog(actor=user, case_id=case.pk, person_id=case.person_id, action=Purpose.EXPORTED, path=path)
        for case in cases
    ]
    try:
        AccessLog.objects.bulk_create(rows, batch_size=2000)
    except DatabaseError as error:
        raise AccessLogUnavailable from error
    return len(rows)
