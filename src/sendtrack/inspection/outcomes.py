"""The three outcomes of an area SEND inspection (2023 framework) and the visits each implies.

Pure Python. Wording and intervals are from 55 published reports (spec A2, [V]); the monitoring
visit after systemic failings counts from the final report [S]. Change `OUTCOMES` if the handbook
or a local agreement says otherwise: nothing else knows the intervals.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Outcome:
    key: str
    label: str
    wording: str
    next_visits: tuple[tuple[str, int], ...]  # (what, months after the report)
    priority_action_plan: bool


OUTCOMES = {
    outcome.key: outcome
    for outcome in (
        Outcome(
            "positive",
            "Positive experiences and outcomes",
            "The local area partnership's SEND arrangements typically lead to positive experiences and "
            "outcomes for children and young people with SEND.",
            (("Full inspection", 60),),
            False,
        ),
        Outcome(
            "inconsistent",
            "Inconsistent experiences and outcomes",
            "The local area partnership's arrangements lead to inconsistent experiences and outcomes for "
            "children and young people with SEND.",
            (("Full inspection", 36),),
            False,
        ),
        Outcome(
            "systemic",
            "Widespread and/or systemic failings",
            "There are widespread and/or systemic failings leading to significant concerns about the "
            "experiences and outcomes of children and young people with SEND, which the local area "
            "partnership must address urgently.",
            (("Monitoring inspection", 18), ("Full inspection", 36)),
            True,
        ),
    )
}


def months_after(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_visits(outcome: str, report_on: date) -> list[tuple[str, date]]:
    """Each visit the outcome implies, with the date it is expected by ("within approximately")."""
    return [(what, months_after(report_on, months)) for what, months in OUTCOMES[outcome].next_visits]


def parse_priority_areas(text: str) -> list[tuple[str, str]]:
    """Lines written "Responsible body: wording" (the report's areas for priority action).

    Raises ValueError naming the line when a line has no responsible body or no wording.
    """
    areas = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        body, _, wording = line.partition(":")
        if not wording.strip() or not body.strip():
            raise ValueError(f"Line {number}: write the responsible body, a colon, then the area's wording")
        areas.append((body.strip(), wording.strip()))
    return areas
