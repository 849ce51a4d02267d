"""The area's forecast for managers and the board: breaches by month, the year's end, queues, what-ifs.

Counts are sums over the open requests' final plan simulations: draw `j` of every request together
is one possible future, so the range is read across draws. Steps with a recorded exception are never
counted as breaches.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from typing import Any

from sendtrack.forecast.model import DurationModel
from sendtrack.forecast.predict import HIGH, LOW, Simulation, StepForecast, allowed_words, who
from sendtrack.forecast.steps import Step
from sendtrack.statutory.rules import ADVISERS

MONTHS_AHEAD = 3


@dataclass(frozen=True)
class MonthBreaches:
    month: date
    expected: float
    low: int
    high: int


@dataclass(frozen=True)
class YearEnd:
    year: int
    issued_so_far: int
    rate_so_far: float | None
    expected: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Queue:
    kind: str
    organisation: str
    words: str
    queue: int
    typical_days: int | None
    allowed: str
    expected_late: float
    expected_breaches: float


@dataclass(frozen=True)
class WhatIf:
    kind: str
    words: str
    allowed: str
    before: float
    after: float


@dataclass(frozen=True)
class AreaSummary:
    as_of: date
    open_requests: int
    already_late: int
    expected_breaches: float
    months: list[MonthBreaches]
    year_end: YearEnd
    queues: list[Queue]
    what_ifs: list[WhatIf]


def _range(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    last = len(ordered) - 1
    return ordered[int(LOW * last)], ordered[int(HIGH * last)]


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _counted(simulations: Iterable[Simulation]) -> list[Simulation]:
    """Final plans that can still become a breach: forecast, not excepted, not already late."""
    return [
        s
        for s in simulations
        if s.gap
        and s.forecast.chance_late is not None
        and not s.forecast.step.excepted
        and not s.forecast.overdue
    ]


def _months(counted: list[Simulation], as_of: date) -> list[MonthBreaches]:
    months = []
    first = as_of + timedelta(days=1)
    for _ in range(MONTHS_AHEAD):
        end = _month_end(first)
        due_here = [s for s in counted if first <= s.forecast.step.due + timedelta(days=1) <= end]
        per_draw = [0] * max((len(s.gap) for s in counted), default=0)
        for simulation in due_here:
            for index, day in enumerate(simulation.finish_days()):
                if day > simulation.allowed:
                    per_draw[index] += 1
        low, high = _range([float(c) for c in per_draw]) if per_draw else (0.0, 0.0)
        expected = sum(s.forecast.chance_late or 0.0 for s in due_here)
        months.append(MonthBreaches(first.replace(day=1), round(expected, 1), int(low), int(high)))
        first = end + timedelta(days=1)
    return months


class IssuedThisYear:
    """Final plans issued (not excepted) from 1 January to the as-of date, and how many on time."""

    def __init__(self, as_of: date) -> None:
        self.as_of, self.january = as_of, date(as_of.year, 1, 1)
        self.issued = self.on_time = 0

    def add(self, step: Step) -> None:
        completed = step.completed
        if (
            step.rule_name == "final_plan"
            and not step.excepted
            and completed is not None
            and self.january <= completed <= self.as_of
        ):
            self.issued += 1
            self.on_time += completed <= step.due


def issued_this_year(steps: Iterable[Step], as_of: date) -> IssuedThisYear:
    counted = IssuedThisYear(as_of)
    for step in steps:
        counted.add(step)
    return counted


def _year_end(issued_so_far: IssuedThisYear, simulations: list[Simulation], as_of: date) -> YearEnd:
    year = as_of.year
    issued, on_time = issued_so_far.issued, issued_so_far.on_time
    rate_so_far = on_time / issued if issued else None
    open_plans = [s for s in simulations if s.gap and not s.forecast.step.excepted]
    draws = max((len(s.gap) for s in open_plans), default=0)
    issued_per_draw = [issued] * draws
    on_time_per_draw = [on_time] * draws
    december = date(year, 12, 31)
    for simulation in open_plans:
        start = simulation.forecast.step.start
        left = (december - start).days
        for index, day in enumerate(simulation.finish_days()):
            if day <= left:
                issued_per_draw[index] += 1
                on_time_per_draw[index] += day <= simulation.allowed
    rates = [t / n for t, n in zip(on_time_per_draw, issued_per_draw, strict=True) if n]
    if not rates:
        return YearEnd(year, issued, rate_so_far, rate_so_far, rate_so_far, rate_so_far)
    low, high = _range(rates)
    return YearEnd(year, issued, rate_so_far, sum(rates) / len(rates), low, high)


def _queue_key(model: DurationModel, step: Step) -> tuple[str, str]:
    """An organisation has its own row once it has its own history; the rest share their agency's."""
    found = model.curve_for(step.kind, step.organisation)
    if found is not None and "|" in found[0]:
        return step.kind, step.organisation
    return step.kind, ""


def _queues(model: DurationModel, forecasts: list[StepForecast], counted: list[Simulation]) -> list[Queue]:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for forecast in forecasts:
        step = forecast.step
        if step.rule_name != "advice":
            continue
        row = rows.setdefault(
            _queue_key(model, step),
            {"step": step, "queue": 0, "late": 0.0, "breaches": 0.0},
        )
        row["queue"] += 1
        row["late"] += forecast.chance_late or 0.0
    for simulation in counted:
        driver = simulation.driver_step
        if driver is not None and _queue_key(model, driver) in rows:
            rows[_queue_key(model, driver)]["breaches"] += simulation.forecast.chance_late or 0.0
    queues = []
    for (kind, organisation), row in rows.items():
        found = model.curve_for(kind, organisation)
        step = row["step"]
        queues.append(
            Queue(
                kind=kind,
                organisation=organisation,
                words=who(replace(step, organisation=organisation)),
                queue=row["queue"],
                typical_days=found[1].median() if found else None,
                allowed=allowed_words(row["step"]),
                expected_late=round(row["late"], 1),
                expected_breaches=round(row["breaches"], 1),
            )
        )
    queues.sort(key=lambda q: (-q.expected_breaches, -q.queue, q.kind, q.organisation))
    return queues


def _what_ifs(forecasts: list[StepForecast], counted: list[Simulation]) -> list[WhatIf]:
    before = sum(s.forecast.chance_late or 0.0 for s in counted)
    seen: dict[str, Step] = {}
    for forecast in forecasts:
        if forecast.step.rule_name == "advice":
            seen.setdefault(forecast.step.kind, forecast.step)
    what_ifs = []
    for kind, step in sorted(seen.items()):
        after = 0.0
        for simulation in counted:
            if kind in simulation.advice:
                after += simulation.late_share(capped=kind)
            else:
                after += simulation.forecast.chance_late or 0.0
        agency = ADVISERS.get(kind.split(":", 1)[1], "other")
        words = f"{agency} advice"
        what_ifs.append(WhatIf(kind, words, allowed_words(step), round(before, 1), round(after, 1)))
    what_ifs.sort(key=lambda w: w.after - w.before)
    return what_ifs


def summarise(
    model: DurationModel,
    steps: Iterable[Step] | IssuedThisYear,
    forecasts: list[StepForecast],
    simulations: list[Simulation],
    as_of: date,
) -> AreaSummary:
    """The area's summary; `steps` are its steps, or only the final plans issued this year, counted."""
    issued = steps if isinstance(steps, IssuedThisYear) else issued_this_year(steps, as_of)
    counted = _counted(simulations)
    finals = [s for s in simulations if not s.forecast.step.excepted]
    return AreaSummary(
        as_of=as_of,
        open_requests=len(simulations),
        already_late=sum(1 for s in finals if s.forecast.overdue),
        expected_breaches=round(sum(s.forecast.chance_late or 0.0 for s in counted), 1),
        months=_months(counted, as_of),
        year_end=_year_end(issued, simulations, as_of),
        queues=_queues(model, forecasts, counted),
        what_ifs=_what_ifs(forecasts, counted),
    )


def summary_json(summary: AreaSummary) -> dict[str, Any]:
    """The summary with dates as ISO strings, ready to store or serve."""
    data = asdict(summary)
    data["as_of"] = summary.as_of.isoformat()
    for month in data["months"]:
        month["month"] = month["month"].isoformat()
    return data
