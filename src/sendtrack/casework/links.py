"""Addresses of case pages worked out once per page, not once per link.

A page that lists fifty cases, or a person page with thirty links to the forms of the same case,
would otherwise resolve the URL configuration for every link (`{% url %}`, `get_absolute_url`).
The addresses are the ones `reverse` gives: a reference made only of characters that need no
escaping is put into the address reversed once; any other goes through `reverse` itself.
"""

from __future__ import annotations

import re

from django.urls import reverse

PLAIN = re.compile(r"[A-Za-z0-9._~-]+\Z")


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
