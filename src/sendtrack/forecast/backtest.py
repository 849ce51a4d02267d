"""Forecast the past and score it against what then happened.

For each as-of date the model is fitted, and the open steps forecast, from the case events dated on
or before that date only: the engine is run as of that date, so a later event cannot be read. Each
step still before its due date is then scored against its outcome as the latest data tells it
(done late, done in time, or still open past its due date). Two baselines get the same score:
(a) the area's overall late share for that step in the window, and (b) the late share of steps of
that kind that were at the same stage on earlier as-of dates, among those whose outcome was known
by this one. Both baselines use only what was known on the as-of date, like the forecast.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sendtrack.forecast.model import DEFAULT_WINDOW_MONTHS, fit
from sendtrack.forecast.predict import forecast_steps
from sendtrack.forecast.steps import Step, advice_organisations, journeys, steps_from_timeline
from sendtrack.statutory.dates import months_before
from sendtrack.statutory.engine import derive
from sendtrack.statutory.events import CaseFile

SCORED_KINDS: tuple[str, ...] = (
    "final_plan",
    "assessment_decision",
    "advice:health",
    "advice:social_care",
    "advice:educational_psychology",
    "advice:education",
    "review_decision",
    "amended_plan",
)
# Snapshots before the first scored date that only teach the stage baseline.
WARM_UP_MONTHS = 6
# A stage needs this many known outcomes before its own late share is used (else the overall share).
MIN_STAGE = 20
HEADLINE = "final_plan"

Ident = tuple[str, str | None, str, date]


STEP_MONTHS = {"month": 1, "quarter": 3}


def as_of_dates(first: date, last: date, step: str = "month") -> list[date]:
    """Dates from `first` to `last`: each month (or quarter) on the same day, or each week."""
    dates: list[date] = []
    index = 0
    while True:
        if step in STEP_MONTHS:
            day = _add_months(first, index * STEP_MONTHS[step])
        else:
            day = date.fromordinal(first.toordinal() + 7 * index)
        if day > last:
            return dates
        dates.append(day)
        index += 1


def _add_months(day: date, months: int) -> date:
    return months_before(day, -months)


def stage(step: Step, journey_steps: list[Step]) -> str:
    """Where a request was when the step was open: decision pending, advice outstanding, advice in."""
    if step.journey is None or not journey_steps:
        return step.rule_name
    if any(s.rule_name == "assessment_decision" and s.is_open for s in journey_steps):
        return "decision pending"
    if any(s.rule_name == "advice" and s.is_open for s in journey_steps):
        return "advice outstanding"
    return "advice in"


def known_outcome(step: Step, on: date) -> int | None:
    """1 if the step missed its due date, 0 if it met it, None if that was not known on `on`."""
    if step.closed:
        return None
    if step.completed is not None and step.completed <= on:
        return int(step.completed > step.due)
    return 1 if on > step.due else None


@dataclass
class _Scores:
    rows: list[tuple[float, float, float, int]] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        n = len(self.rows)

        def brier(column: int) -> float | None:
            return round(sum((row[column] - row[3]) ** 2 for row in self.rows) / n, 4) if n else None

        bins: list[list[tuple[float, int]]] = [[] for _ in range(10)]
        for predicted, _, _, outcome in self.rows:
            bins[min(int(predicted * 10), 9)].append((predicted, outcome))
        calibration = [
            [
                round(sum(p for p, _ in members) / len(members), 3),
                round(sum(o for _, o in members) / len(members), 3),
                len(members),
            ]
            for members in bins
            if members
        ]
        return {
            "n": n,
            "brier": brier(0),
            "brier_overall_baseline": brier(1),
            "brier_stage_baseline": brier(2),
            "calibration": calibration,
        }


def _steps_on(
    cases: Sequence[CaseFile], organisations: list[dict[tuple[str, date], str]], on: date
) -> list[Step]:
    steps: list[Step] = []
    for case, found in zip(cases, organisations, strict=True):
        steps.extend(steps_from_timeline(derive(case, on), found))
    return steps


def _overall_shares(steps: list[Step], on: date, window_start: date) -> dict[str, float]:
    tallies: dict[str, list[int]] = {}
    for step in steps:
        if step.start >= window_start and step.completed is not None and not step.closed:
            tally = tallies.setdefault(step.kind, [0, 0])
            tally[0] += step.completed > step.due
            tally[1] += 1
    return {kind: late / count for kind, (late, count) in tallies.items() if count}


def backtest(
    cases: Iterable[CaseFile],
    first: date,
    last: date,
    truth_date: date,
    *,
    step: str = "month",
    window_months: int = DEFAULT_WINDOW_MONTHS,
) -> dict[str, Any]:
    """The backtest report: `{"as_of_dates": [...], "steps": {kind: {n, brier, ..., calibration}}}`."""
    cases = list(cases)
    organisations = [advice_organisations(case) for case in cases]
    truth = {s.ident: s for s in _steps_on(cases, organisations, truth_date)}
    scored = as_of_dates(first, last, step)
    warm_up = [d for d in as_of_dates(months_before(first, WARM_UP_MONTHS), first, step) if d < first]
    pool: list[tuple[Ident, str, str]] = []
    stage_tallies: dict[tuple[str, str], list[int]] = {}
    scores: dict[str, _Scores] = {kind: _Scores() for kind in SCORED_KINDS}

    for on in [*warm_up, *scored]:
        steps = _steps_on(cases, organisations, on)
        by_ident = {s.ident: s for s in steps}
        still: list[tuple[Ident, str, str]] = []
        for ident, kind, where in pool:
            now = by_ident.get(ident)
            outcome = known_outcome(now, on) if now is not None else None
            if outcome is None:
                still.append((ident, kind, where))
                continue
            tally = stage_tallies.setdefault((kind, where), [0, 0])
            tally[0] += outcome
            tally[1] += 1
        pool = still

        model = fit(steps, on, window_months)
        overall = _overall_shares(steps, on, model.window_start)
        grouped = journeys(steps)
        for forecast in forecast_steps(model, steps, on):
            current = forecast.step
            kind = current.kind
            if kind not in scores or forecast.chance_late is None or forecast.overdue or current.excepted:
                continue
            where = stage(current, grouped.get((current.case_ref, current.journey or ""), []))
            pool.append((current.ident, kind, where))
            if on < first:
                continue
            happened = truth.get(current.ident)
            outcome = known_outcome(happened, truth_date) if happened is not None else None
            if outcome is None:
                continue
            overall_share = overall.get(kind, 0.5)
            late, count = stage_tallies.get((kind, where), (0, 0))
            stage_share = late / count if count >= MIN_STAGE else overall_share
            scores[kind].rows.append((forecast.chance_late, overall_share, stage_share, outcome))

    return {
        "as_of_dates": [d.isoformat() for d in scored],
        "steps": {kind: score.report() for kind, score in scores.items() if score.rows},
    }


def beats_baselines(report: dict[str, Any], kind: str = HEADLINE) -> bool:
    """True when the forecast's Brier score for `kind` is lower than both baselines'."""
    found = report.get("steps", {}).get(kind)
    if not found or found.get("brier") is None:
        return False
    return bool(
        found["brier"] < found["brier_overall_baseline"] and found["brier"] < found["brier_stage_baseline"]
    )
