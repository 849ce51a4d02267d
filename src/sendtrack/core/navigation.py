"""The service navigation: the sections of the header, in order.

A section is shown when the rule of access `accounts.access.sees_section` lets the active
membership's role see it and its URL name resolves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from sendtrack.accounts.access import sees_section
from sendtrack.accounts.models import Membership


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str


# The sections in the order the header shows them.
SECTIONS: list[Section] = [
    Section("Home", "core:home"),
    Section("Tracker", "casework:tracker"),
    Section("Advice", "casework:advice"),
    Section("Reviews", "casework:reviews"),
    Section("Phase transfers", "casework:phase-transfers"),
    Section("Panels", "casework:panels"),
    Section("Improvement plans", "improvement:plans"),
    Section("Performance", "performance:dashboard"),
    Section("Forecast", "forecast:forecast"),
    Section("What families told us", "portal:survey-results"),
    Section("Your family", "portal:family-home"),
    Section("Invite a user", "accounts:invite-user"),
    Section("Import cases", "casework:import-cases"),
    Section("Scheduled jobs", "jobs:schedules"),
]


@lru_cache(maxsize=256)
def _address(url_name: str, prefix: str, urlconf: str | None) -> str | None:
    """The section's address, resolved once per URL configuration and script prefix, not per page."""
    try:
        return reverse(url_name, urlconf=urlconf)
    except NoReverseMatch:
        return None


def navigation_for(request: HttpRequest, membership: Membership | None) -> list[dict[str, object]]:
    if membership is None:
        return []
    items = []
    for section in SECTIONS:
        if not sees_section(membership.role, section.url_name):
            continue
        url = _address(section.url_name, get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))
        if url is None:
            continue
        items.append(
            {
                "label": section.label,
                "url": url,
                "active": request.path.startswith(url) and url != "/" or request.path == url,
            }
        )
    return items
