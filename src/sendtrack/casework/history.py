"""A record's history in words: every audited change to a case, its person and its events.

Read from the audit trail, so it shows exactly what the services wrote: who, when, what, the
value before and after, and why. An import is one audit row for the whole run; a case appears
in it by id, so the runs that created or changed this case are found among the area's imports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import TextField
from django.db.models.functions import Cast

from sendtrack.casework.audit_values import ERASED, opener
from sendtrack.casework.forms import EVENT_LABELS
from sendtrack.casework.models import NEED_CHOICES, Case
from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.core.templatetags.govuk_dates import govuk_date

DETAIL_LABELS = {
    "given_name": "Given name",
    "family_name": "Family name",
    "date_of_birth": "Date of birth",
    "upn": "UPN",
    "uln": "ULN",
    "primary_need": "Primary need",
    "setting": "Setting",
    "caseworker": "Caseworker",
}
NEEDS = dict(NEED_CHOICES)
NOTHING = "Nothing"
EVENT_SKIPS = ("type", "date")


@dataclass(frozen=True, slots=True)
class Change:
    what: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: dt.datetime
    who: str
    what: str
    changes: list[Change] = field(default_factory=list)
    why: str = ""


def case_history(case: Case) -> list[HistoryEntry]:
    """Every audited change to `case`, newest first. The caller has already checked access."""
    rows = list(
        AuditEvent.objects.filter(
            subject_type=Case._meta.label_lower, subject_id=str(case.pk)
        ).select_related("actor")
    )
    imports = (
        AuditEvent.objects.filter(verb=AuditVerb.CASE_IMPORTED, local_area_id=case.local_area_id)
        .annotate(text=Cast("detail", TextField()))
        .filter(text__contains=str(case.pk))
        .select_related("actor")
    )
    open_value = opener(case.person_id)
    entries = [_entry(row, open_value) for row in rows]
    entries += [entry for row in imports if (entry := _import_entry(row, case.pk)) is not None]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def _who(row: AuditEvent) -> str:
    if row.actor is None:
        return "An import or the system"
    return row.actor.full_name or row.actor.email


def _entry(row: AuditEvent, open_value: Callable[[Any], Any]) -> HistoryEntry:
    detail = row.detail or {}
    changes = detail.get("changes") or {}
    if row.verb == AuditVerb.CASE_DETAILS_CHANGED:
        words = [
            Change(
                DETAIL_LABELS.get(name, name),
                _detail(name, open_value(c["before"])),
                _detail(name, open_value(c["after"])),
            )
            for name, c in changes.items()
        ]
        what = "Details changed" if words else "Details saved with no changes"
        return HistoryEntry(row.at, _who(row), what, words)
    if row.verb in (AuditVerb.EVENT_RECORDED, AuditVerb.EVENT_CORRECTED):
        event = changes.get("event") or {}
        before, after = event.get("before"), event.get("after")
        what = "Event recorded"
        if row.verb == AuditVerb.EVENT_CORRECTED:
            what = "Event removed" if after is None else "Event corrected"
        words = [Change("Event", describe_event(before), describe_event(after))]
        return HistoryEntry(row.at, _who(row), what, words, detail.get("reason", ""))
    return HistoryEntry(row.at, _who(row), row.get_verb_display())


def _import_entry(row: AuditEvent, case_id: int) -> HistoryEntry | None:
    detail = row.detail or {}
    if case_id in detail.get("cases_created", []):
        what = "Record created by an import"
    elif case_id in detail.get("cases_changed", []):
        what = "Record replaced by an import"
    else:
        return None
    counts = (
        f"One of {detail.get('lines', 0)} cases in the file: {detail.get('created', 0)} new, "
        f"{detail.get('changed', 0)} changed, {detail.get('unchanged', 0)} unchanged"
    )
    return HistoryEntry(row.at, _who(row), what, why=counts)


def _detail(name: str, value: Any) -> str:
    if value in (None, ""):
        return NOTHING
    if value == ERASED:
        return ERASED
    if name == "date_of_birth":
        return govuk_date(value)
    if name == "primary_need":
        return NEEDS.get(value, str(value))
    return str(value)


def _words(value: Any) -> str:
    if isinstance(value, list):
        items = [_words(item) for item in value]
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    text = str(value)
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return govuk_date(text)
    return text.replace("_", " ")


def describe_event(data: dict[str, Any] | None) -> str:
    """An event in words: "Advice received on 2 March 2026 (from: health)"; Nothing when absent."""
    if not data:
        return NOTHING
    label = EVENT_LABELS.get(data.get("type", ""), _words(data.get("type", "event")).capitalize())
    text = f"{label} on {govuk_date(data['date'])}" if data.get("date") else label
    more = [f"{_words(key)}: {_words(value)}" for key, value in data.items() if key not in EVENT_SKIPS]
    return f"{text} ({'; '.join(more)})" if more else text
