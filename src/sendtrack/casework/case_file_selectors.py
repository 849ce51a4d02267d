"""A case as a docs/spec/case-events.md case object, built from its rows (for the engine and for export)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sendtrack.casework.models import Case, CaseEvent, Person
from sendtrack.interchange.case_files import PERSON_FIELDS


def person_dict(person: Person) -> dict[str, Any]:
    """The person object of the case file: named fields that were given, then the extras."""
    out: dict[str, Any] = {}
    for name in PERSON_FIELDS:
        value = person.setting_urn if name == "setting" else getattr(person, name)
        if value is None:
            continue
        out[name] = value.isoformat() if isinstance(value, date) else value
    out.update(person.extra or {})
    return out


def current_events(case: Case) -> list[CaseEvent]:
    """The events that count: neither superseded by a correction nor a removal."""
    return [
        event
        for event in CaseEvent.objects.filter(case=case, corrections__isnull=True)
        .exclude(type=CaseEvent.REMOVED)
        .order_by("position", "pk")
    ]


def case_file_dict(case: Case, events: list[CaseEvent] | None = None) -> dict[str, Any]:
    events = current_events(case) if events is None else events
    obj: dict[str, Any] = {
        "case_ref": case.case_ref,
        "person": person_dict(case.person),
        "events": [event.data for event in events],
    }
    obj.update(case.extra or {})
    return obj
