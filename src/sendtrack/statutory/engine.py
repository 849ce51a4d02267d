"""Derive a case's statutory timeline: events in, milestones and flags out (docs/spec/case-events.md §2-3).

`derive` walks the events once, in date order, handing each to the rules of its request's journey
(request_journey.py) and to the plan-level rules (plan_reviews.py); then it finishes each
milestone: status, days late, exceptions and explanation. Periods, citations and which exceptions
excuse which rule come from rules.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sendtrack.statutory.dates import DATE_WORDS, format_date
from sendtrack.statutory.events import CaseFile, Event
from sendtrack.statutory.exceptions import applicable_exceptions
from sendtrack.statutory.flags import Flag, journey_flags, review_flags, sort_flags
from sendtrack.statutory.journeys import Draft, Journey, Walk
from sendtrack.statutory.plan_reviews import PLAN_HANDLERS, add_phase_transfers
from sendtrack.statutory.request_journey import REQUEST_HANDLERS, open_journey
from sendtrack.statutory.rules import EXCEPTION_REASONS, RULE_ORDER, RULE_SET_OF, Rule


class MilestoneStatus:
    """The five statuses of docs/spec/case-events.md §2."""

    MET = "met"
    LATE = "late"
    OVERDUE = "overdue"
    PENDING = "pending"
    NOT_APPLICABLE = "not_applicable"
    ALL: tuple[str, ...] = (MET, LATE, OVERDUE, PENDING, NOT_APPLICABLE)


@dataclass(frozen=True)
class Milestone:
    """One time limit of a case, as of a date.

    Frozen; `derive` builds many, so it fills the instance dictionary in one step (`_new_milestone`)
    rather than through the generated `__init__`, which sets each field separately.
    """

    rule: str
    rule_name: str
    citation: str
    basis: str
    rule_set: str
    start: date
    due: date
    completed: date | None
    status: str
    days_late: int
    excepted: bool
    exceptions: list[dict[str, Any]] = field(hash=False)
    explanation: str
    journey: str | None
    waiting_on: str


@dataclass(slots=True)
class Timeline:
    case_ref: str
    as_of: date
    milestones: list[Milestone] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


_RANK = {name: rank for rank, name in enumerate(RULE_ORDER)}


def derive(case: CaseFile, as_of: date) -> Timeline:
    """The timeline of `case` as it stood at the end of `as_of`.

    Events dated after `as_of` are left out, except `phase_transfer`, whose date is the planned
    transfer the review must come before. Exceptions count once their `start` has come.
    """
    walk = Walk()
    exceptions: list[Event] = []
    journey: Journey | None = None
    for event in case.events:
        kind = event.type
        day = event.date
        if day is None:  # an exception
            if event.fields["start"] <= as_of:
                exceptions.append(event)
            continue
        if day > as_of:
            if kind == "phase_transfer":
                walk.transfers.append(event)
            continue
        if kind == "request_received":
            journey = open_journey(walk, day)
            continue
        if journey is not None and journey.withdrawn is None:
            handler = REQUEST_HANDLERS.get(kind)
            if handler is not None:
                handler(walk, journey, event, day)
        plan_handler = PLAN_HANDLERS.get(kind)
        if plan_handler is not None:
            plan_handler(walk, event, day)
    add_phase_transfers(walk)

    milestones = [_finish(draft, as_of, exceptions) for draft in walk.drafts]
    milestones.sort(key=_milestone_order)
    flags: list[Flag] = []
    for each in walk.journeys:
        journey_flags(each, flags)
    review_flags(walk.review_drafts, as_of, flags)
    if len(flags) > 1:
        sort_flags(flags)
    return Timeline(case.case_ref, as_of, milestones, flags)


def _milestone_order(milestone: Milestone) -> tuple[date, int]:
    return (milestone.start, _RANK[milestone.rule_name])


def _lateness(day: date, due: date, late: str, on_time: str) -> tuple[str, int]:
    """The status on `day` and the days after `due` it falls (0 when on time)."""
    days_late = day.toordinal() - due.toordinal()
    return (late, days_late) if days_late > 0 else (on_time, 0)


def _finish(draft: Draft, as_of: date, exceptions: list[Event]) -> Milestone:
    rule: Rule = draft.rule
    due = draft.due
    completed = draft.completed
    closed = draft.closed
    if closed is not None and (completed is None or completed > closed):
        status = MilestoneStatus.NOT_APPLICABLE
        completed = None
        days_late = 0
        window_end = closed
    elif completed is not None:
        status, days_late = _lateness(completed, due, MilestoneStatus.LATE, MilestoneStatus.MET)
        window_end = completed
    else:
        status, days_late = _lateness(as_of, due, MilestoneStatus.OVERDUE, MilestoneStatus.PENDING)
        window_end = as_of
    if due < window_end:
        window_end = due
    found = applicable_exceptions(draft, window_end, exceptions) if exceptions else []
    milestone: Milestone = _object_new(Milestone)
    milestone.__dict__.update(
        rule=draft.key,
        rule_name=rule.name,
        citation=rule.citation,
        basis=rule.basis,
        rule_set=RULE_SET_OF[rule],
        start=draft.start,
        due=due,
        completed=completed,
        status=status,
        days_late=days_late,
        excepted=bool(found),
        exceptions=found,
        explanation=_explain(draft, status, completed, days_late, as_of, found),
        journey=draft.journey,
        waiting_on=draft.waiting_on,
    )
    return milestone


_object_new = object.__new__


def _late(count: int) -> str:
    return "1 day late" if count == 1 else f"{count} days late"


def _explain(
    draft: Draft,
    status: str,
    completed: date | None,
    days_late: int,
    as_of: date,
    found: list[dict[str, Any]],
) -> str:
    """One plain sentence: when it is due, why, and where it stands."""
    rule = draft.rule
    words = DATE_WORDS.get
    text = (
        f"Due by the end of {words(draft.due) or format_date(draft.due)}: {rule.lead} "
        f"{draft.anchor_words} {words(draft.anchor) or format_date(draft.anchor)}{rule.reading}"
    )
    if status == MilestoneStatus.MET:
        assert completed is not None
        text += f"; done on {words(completed) or format_date(completed)}, in time"
    elif status == MilestoneStatus.LATE:
        assert completed is not None
        text += f"; done on {words(completed) or format_date(completed)}, {_late(days_late)}"
    elif status == MilestoneStatus.OVERDUE:
        text += f"; not done yet, {_late(days_late)} as of {format_date(as_of)}{rule.overdue_note}"
    elif status == MilestoneStatus.PENDING:
        text += "; not done yet"
    else:
        assert draft.closed is not None
        text += f"; no longer applies because {draft.closed_why} {format_date(draft.closed)}"
    if found:
        reasons = _unique([EXCEPTION_REASONS[f["reason"]].words for f in found])
        text += f"; an exception is recorded because {' and '.join(reasons)}"
    return text + "."


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
