"""The service navigation: which sections each role sees.

Apps register their sections here so the header stays in one place; a section is shown when the
active membership's role is in its roles and its URL name resolves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from sendtrack.accounts.models import Membership, Role

ALL_STAFF = frozenset(r.value for r in Role if r != Role.PARENT)
CASE_ROLES = frozenset(
    {
        Role.CASEWORKER,
        Role.SEND_MANAGER,
        Role.HEALTH_ADVISOR,
        Role.DESIGNATED_CLINICAL_OFFICER,
        Role.SOCIAL_WORKER,
        Role.EDUCATIONAL_PSYCHOLOGIST,
        Role.SETTING_SENCO,
    }
)


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    roles: frozenset[str]


SECTIONS: list[Section] = [
    Section("Home", "core:home", ALL_STAFF | {Role.PARENT}),
    Section("Tracker", "casework:tracker", frozenset({Role.CASEWORKER, Role.SEND_MANAGER})),
    Section("Advice", "casework:advice", CASE_ROLES),
    Section("Reviews", "casework:reviews", CASE_ROLES),
    Section("Phase transfers", "casework:phase-transfers", CASE_ROLES),
    Section("Panels", "casework:panels", frozenset({Role.CASEWORKER, Role.SEND_MANAGER})),
    Section(
        "Improvement plans",
        "improvement:plans",
        frozenset(
            {
                Role.SEND_MANAGER,
                Role.BOARD_MEMBER,
                Role.DESIGNATED_CLINICAL_OFFICER,
                Role.ADMINISTRATOR,
                Role.CASEWORKER,
            }
        ),
    ),
    Section(
        "Performance",
        "performance:dashboard",
        frozenset({Role.SEND_MANAGER, Role.BOARD_MEMBER, Role.DESIGNATED_CLINICAL_OFFICER, Role.CASEWORKER}),
    ),
    Section(
        "Forecast",
        "forecast:forecast",
        frozenset({Role.SEND_MANAGER, Role.BOARD_MEMBER, Role.DESIGNATED_CLINICAL_OFFICER, Role.CASEWORKER}),
    ),
    Section(
        "What families told us",
        "portal:survey-results",
        frozenset({Role.SEND_MANAGER, Role.BOARD_MEMBER, Role.DESIGNATED_CLINICAL_OFFICER, Role.CASEWORKER}),
    ),
    Section("Your family", "portal:family-home", frozenset({Role.PARENT})),
    Section("Invite a user", "accounts:invite-user", frozenset({Role.SEND_MANAGER, Role.ADMINISTRATOR})),
    Section("Import cases", "casework:import-cases", frozenset({Role.SEND_MANAGER, Role.ADMINISTRATOR})),
    Section("Scheduled jobs", "jobs:schedules", frozenset({Role.ADMINISTRATOR})),
]


def navigation_for(request: HttpRequest, membership: Membership | None) -> list[dict[str, object]]:
    if membership is None:
        return []
    items = []
    for section in SECTIONS:
        if membership.role not in section.roles:
            continue
        try:
            url = reverse(section.url_name)
        except NoReverseMatch:
            continue
        items.append(
            {
                "label": section.label,
                "url": url,
                "active": request.path.startswith(url) and url != "/" or request.path == url,
            }
        )
    return items
