"""Which recorded statutory exceptions (docs/spec/case-events.md §3) apply to a milestone; their citations."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sendtrack.statutory.events import Event
from sendtrack.statutory.journeys import Draft
from sendtrack.statutory.rules import EXCEPTION_REASONS


def applicable_exceptions(draft: Draft, window_end: date, exceptions: list[Event]) -> list[dict[str, Any]]:
    """The exceptions that apply to `draft`, as ``{reason, start, end, citation}`` records.

    An exception applies when its rule can be excused by the reason (with the paragraph for that
    rule), the milestone is in the exception's `applies_to` if it has one, and:
    - for a closure, the local authority asked the school, college or early years provider for
      advice, during the milestone's statutory period, between the reason's lead time
      (`closure_lead_days` in rules.py) before the closure and the same lead time before reopening;
    - otherwise, the exception's period overlaps the milestone's statutory period, from its start
      to `window_end` (the earlier of due and completed, or the date it closed or `as_of`).
    """
    rule = draft.rule
    found: list[dict[str, Any]] = []
    for event in exceptions:
        fields = event.fields
        reason_name: str = fields["reason"]
        citation = rule.exceptions.get(reason_name)
        if citation is None:
            continue
        applies_to = fields.get("applies_to")
        if applies_to is not None and draft.key not in applies_to and rule.name not in applies_to:
            continue
        start: date = fields["start"]
        end: date = fields["end"]
        reason = EXCEPTION_REASONS[reason_name]
        if reason.closure_advice is not None:
            if not _advice_requested_around_closure(
                draft, window_end, start, end, reason.closure_advice, reason.closure_lead_days
            ):
                continue
        elif start > window_end or end < draft.start:
            continue
        found.append({"reason": reason_name, "start": start, "end": end, "citation": citation})
    return found


def _advice_requested_around_closure(
    draft: Draft,
    window_end: date,
    closure_start: date,
    reopening: date,
    setting_types: frozenset[str | None],
    lead_days: int,
) -> bool:
    education_advice = draft.education_advice
    if education_advice is None:
        return False
    lead = timedelta(days=lead_days)
    earliest = closure_start - lead
    latest = reopening - lead
    for requested_on, setting_type in education_advice:
        if setting_type not in setting_types:
            continue
        if earliest <= requested_on <= latest and draft.start <= requested_on <= window_end:
            return True
    return False
