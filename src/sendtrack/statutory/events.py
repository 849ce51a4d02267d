"""Case files: parsing and validating the interchange format of docs/spec/case-events.md §1 and §3."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sendtrack.statutory.dates import days_between, parse_iso_date
from sendtrack.statutory.rules import ADVISERS, EXCEPTION_REASONS, RULE_NAMES, rules_excused_by

SOURCES = ("parent", "young_person", "school", "health", "social_care", "other")
SETTING_TYPES = ("school", "post16", "early_years")
CHALLENGE_ABOUT = ("assessment_refusal", "plan_refusal", "plan_content", "other")

# Each event type: its required fields, and the allowed values of its enumerated fields
# (required or optional). Fields not named here are kept as given and never checked.
REQUIRED: Mapping[str, tuple[str, ...]] = {
    "request_received": ("date",),
    "assessment_decision": ("date", "outcome"),
    "advice_requested": ("date", "from"),
    "advice_received": ("date", "from"),
    "plan_decision": ("date", "outcome"),
    "draft_plan_issued": ("date",),
    "setting_consulted": ("date", "setting"),
    "setting_responded": ("date", "setting"),
    "final_plan_issued": ("date",),
    "exception": ("reason", "start", "end"),
    "review_meeting": ("date",),
    "review_decision": ("date", "outcome"),
    "amendment_notice": ("date",),
    "amended_plan_issued": ("date",),
    "amendment_withdrawn": ("date",),
    "phase_transfer": ("date", "kind"),
    "plan_ceased": ("date",),
    "request_withdrawn": ("date",),
    "mediation": ("date",),
    "tribunal_appeal": ("date",),
}
EVENT_TYPES: tuple[str, ...] = tuple(REQUIRED)

CHOICES: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "request_received": {"source": SOURCES},
    "assessment_decision": {"outcome": ("assess", "refuse")},
    "advice_requested": {"from": tuple(ADVISERS), "setting_type": SETTING_TYPES},
    "advice_received": {"from": tuple(ADVISERS)},
    "plan_decision": {"outcome": ("issue", "refuse")},
    "exception": {"reason": tuple(EXCEPTION_REASONS)},
    "review_decision": {"outcome": ("maintain", "amend", "cease")},
    "phase_transfer": {"kind": ("school", "post16", "post16_to_post16")},
    "mediation": {"about": CHALLENGE_ABOUT},
    "tribunal_appeal": {"about": CHALLENGE_ABOUT},
}
DATE_FIELDS: Mapping[str, tuple[str, ...]] = {
    "advice_requested": ("received",),
    "exception": ("start", "end"),
}
LIST_FIELDS: Mapping[str, tuple[str, ...]] = {
    "assessment_decision": ("panel",),
    "plan_decision": ("panel",),
    "exception": ("applies_to",),
}
SETTING_FIELD_TYPES = ("setting_consulted", "setting_responded", "final_plan_issued")


class CaseFileError(ValueError):
    """A case file that breaks the contract. ``str(error)`` is one line naming where and why."""

    def __init__(
        self,
        case_ref: str,
        problem: str,
        *,
        event_index: int | None = None,
        event_type: str | None = None,
        field: str | None = None,
    ) -> None:
        self.case_ref = case_ref
        self.event_index = event_index
        self.event_type = event_type
        self.field = field
        self.problem = problem
        parts = [f"case {_printable(case_ref)}"]
        if event_index is not None:
            parts.append(f"events[{event_index}] ({_printable(event_type or 'no type')})")
        if field is not None:
            parts.append(f'field "{field}"')
        parts.append(problem)
        super().__init__(": ".join(parts))


@dataclass(slots=True)
class Event:
    """One event of a case: `date` is None only for an `exception` (which has `start` and `end`)."""

    type: str
    date: date | None
    index: int
    fields: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CaseFile:
    """A parsed case: events sorted by date (exceptions by start), equal dates in file order.

    An event identical to an earlier one is kept in `raw` but not in `events`: it is one event.
    """

    case_ref: str
    person: dict[str, Any]
    events: tuple[Event, ...]
    raw: dict[str, Any]


def _printable(text: str) -> str:
    """Text as given if it is printable on one line, else as a JSON string."""
    return text if text.isprintable() else json.dumps(text)


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def parse_case(obj: dict[str, Any]) -> CaseFile:
    """Validate one case object and return it parsed; raise `CaseFileError` on the first problem."""
    if not isinstance(obj, dict):
        raise CaseFileError("?", f"a case must be a JSON object, not {type(obj).__name__}")
    case_ref = obj.get("case_ref")
    if not isinstance(case_ref, str) or not case_ref.strip():
        shown = "?" if case_ref is None else _show(case_ref)
        raise CaseFileError(shown, "missing or not a non-empty string", field="case_ref")
    person = obj.get("person", {})
    if not isinstance(person, dict):
        raise CaseFileError(case_ref, "must be an object", field="person")
    raw_events = obj.get("events")
    if not isinstance(raw_events, list):
        problem = "missing" if raw_events is None else "must be a list of events"
        raise CaseFileError(case_ref, problem, field="events")

    keyed: list[tuple[date, int, Event]] = []
    for index, item in enumerate(raw_events):
        event = _parse_event(case_ref, index, item)
        sort_date = event.date if event.date is not None else event.fields["start"]
        keyed.append((sort_date, index, event))
    keyed.sort()
    return CaseFile(case_ref=case_ref, person=person, events=_without_repeats(keyed), raw=obj)


def _without_repeats(keyed: list[tuple[date, int, Event]]) -> tuple[Event, ...]:
    """The sorted events, each repeat of an earlier identical event left out (docs/spec/case-events.md §4).

    Identical means the same type and the same fields, the date included, so repeats share a sort
    date: each event is compared only with the ones kept on its own date.
    """
    events: list[Event] = []
    same_day: list[Event] = []
    day: date | None = None
    for sort_date, _, event in keyed:
        if sort_date != day:
            day = sort_date
            same_day = []
        elif any(e.type == event.type and e.fields == event.fields for e in same_day):
            continue
        same_day.append(event)
        events.append(event)
    return tuple(events)


@dataclass(frozen=True, slots=True)
class _Schema:
    """What one event type requires and allows, gathered once so parsing does one lookup per event."""

    required: tuple[str, ...]
    choices: tuple[tuple[str, tuple[str, ...]], ...]
    dates: tuple[str, ...]
    lists: tuple[str, ...]
    setting: bool


_SCHEMAS: Mapping[str, _Schema] = {
    event_type: _Schema(
        required=required,
        choices=tuple(CHOICES.get(event_type, {}).items()),
        dates=DATE_FIELDS.get(event_type, ()),
        lists=LIST_FIELDS.get(event_type, ()),
        setting=event_type in SETTING_FIELD_TYPES,
    )
    for event_type, required in REQUIRED.items()
}


def _parse_event(case_ref: str, index: int, item: object) -> Event:
    if not isinstance(item, dict):
        raise CaseFileError(case_ref, "an event must be a JSON object", event_index=index)
    event_type = item.get("type")
    schema = _SCHEMAS.get(event_type) if type(event_type) is str else None
    if schema is None:
        problem = "missing" if event_type is None else f"unknown event type {_show(event_type)}"
        shown_type = event_type if isinstance(event_type, str) else None
        raise CaseFileError(case_ref, problem, event_index=index, event_type=shown_type, field="type")
    assert isinstance(event_type, str)

    for name in schema.required:
        if item.get(name) is None:
            raise _fail(case_ref, index, event_type, name, "missing (required for this event type)")

    fields = dict(item)
    del fields["type"]
    event_date: date | None = None
    if event_type != "exception":
        raw_date = fields.pop("date")
        event_date = parse_iso_date(raw_date)
        if event_date is None:
            raise _fail(
                case_ref, index, event_type, "date", f"not a date in the form YYYY-MM-DD: {_show(raw_date)}"
            )

    for name, allowed in schema.choices:
        value = fields.get(name)
        if value is not None and value not in allowed:
            problem = f"unknown value {_show(value)}; expected one of {', '.join(allowed)}"
            raise _fail(case_ref, index, event_type, name, problem)
    for name in schema.dates:
        value = fields.get(name)
        if value is not None:
            parsed = parse_iso_date(value)
            if parsed is None:
                problem = f"not a date in the form YYYY-MM-DD: {_show(value)}"
                raise _fail(case_ref, index, event_type, name, problem)
            fields[name] = parsed
    for name in schema.lists:
        value = fields.get(name)
        if value is not None:
            if type(value) is not list or not all(type(v) is str for v in value):
                raise _fail(case_ref, index, event_type, name, "must be a list of names")
            fields[name] = list(value)
    if schema.setting:
        setting = fields.get("setting")
        if setting is not None:
            if type(setting) not in (str, int) or str(setting).strip() == "":
                problem = f"must be a URN or UKPRN, not {_show(setting)}"
                raise _fail(case_ref, index, event_type, "setting", problem)
            fields["setting"] = str(setting).strip()

    if event_type == "advice_requested":
        received = fields.get("received")
        if received is not None and event_date is not None and received < event_date:
            raise _fail(
                case_ref, index, event_type, "received", "is before the date the advice was requested"
            )
    elif event_type == "exception":
        problem_at = _exception_problem(fields)
        if problem_at is not None:
            raise _fail(case_ref, index, event_type, *problem_at)
    return Event(event_type, event_date, index, fields)


def _fail(case_ref: str, index: int, event_type: str, field: str, problem: str) -> CaseFileError:
    return CaseFileError(case_ref, problem, event_index=index, event_type=event_type, field=field)


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _exception_problem(fields: dict[str, Any]) -> tuple[str, str] | None:
    """The (field, problem) that makes an exception invalid, or None."""
    start: date = fields["start"]
    end: date = fields["end"]
    reason = EXCEPTION_REASONS[fields["reason"]]
    if end < start:
        return ("end", f"is before the exception's start ({start.isoformat()})")
    if reason.end_is_reopening:
        closed = days_between(start, end)
        if closed < reason.min_days:
            return (
                "end",
                f"{_a(reason.reason)} exception must last at least {reason.min_days} days; "
                f"end is the reopening date, so closed on {start.isoformat()} and reopening on "
                f"{end.isoformat()} is {closed} days closed",
            )
    else:
        length = days_between(start, end) + 1
        if length < reason.min_days:
            return (
                "end",
                f"{_a(reason.reason)} exception must last at least {reason.min_days} days; "
                f"end is the last day away, so away from {start.isoformat()} to {end.isoformat()} "
                f"is {length} days counting both",
            )
    if reason.earliest is not None and start < reason.earliest:
        return ("start", f"{_a(reason.reason)} exception cannot start before {reason.earliest.isoformat()}")
    if reason.latest is not None and end > reason.latest:
        return ("end", f"{_a(reason.reason)} exception cannot end after {reason.latest.isoformat()}")
    applies_to = fields.get("applies_to")
    if applies_to is not None:
        allowed = rules_excused_by(reason.reason)
        for name in applies_to:
            base = name.split(":", 1)[0]
            if base not in RULE_NAMES:
                return ("applies_to", f"unknown rule {_show(name)}")
            if base not in allowed:
                return (
                    "applies_to",
                    f"{_a(reason.reason)} exception cannot apply to {name}; "
                    f"it applies only to {', '.join(sorted(allowed))}",
                )
    return None
