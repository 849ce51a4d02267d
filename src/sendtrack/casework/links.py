"""Addresses of case pages worked out once per page, not once per link.

A page that lists fifty cases, or a person page with thirty links to the forms of the same case,
would otherwise resolve the URL configuration for every link (`{% url %}`, `get_absolute_url`).
The addresses are the ones `reverse` gives: a reference made only of characters that need no
escaping is put into the address reversed once; any other goes through `reverse` itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

PLAIN = re.compile(r"[A-Za-z0-9._~-]+\Z")
PLACEHOLDER = "CASEREF"


class CaseLinks:
    """The person page address of any case, for one page."""

    def __init__(self) -> None:
        self._prefix = reverse("casework:person", args=["0"])[: -len("0/")]

    def person(self, case_ref: str) -> str:
        if PLAIN.match(case_ref):
            return f"{self._prefix}{case_ref}/"
        return reverse("casework:person", args=[case_ref])


def record_event_url(person_url: str, event_type: str) -> str:
    """casework:record-event of the case whose person page is `person_url` (event types are slugs)."""
    return f"{person_url}record/{event_type}/"


def correct_event_url(person_url: str, event_id: int) -> str:
    """casework:correct-event of the case whose person page is `person_url`."""
    return f"{person_url}events/{int(event_id)}/correct/"


@lru_cache(maxsize=256)
def _around_the_reference(url_name: str, prefix: str, urlconf: str | None) -> tuple[str, str]:
    """The address of `url_name` (a page of one case) split around its case reference, resolved
    once per URL configuration and script prefix."""
    before, _, after = reverse(url_name, args=[PLACEHOLDER], urlconf=urlconf).partition(PLACEHOLDER)
    return before, after


def case_url(url_name: str, case_ref: str) -> str:
    """What `reverse(url_name, args=[case_ref])` gives, for a page whose only argument is the case."""
    if not PLAIN.match(case_ref):
        return reverse(url_name, args=[case_ref])
    before, after = _around_the_reference(url_name, get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))
    return f"{before}{case_ref}{after}"
