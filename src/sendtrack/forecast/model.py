"""The area's duration model on one date: a survival curve per step, agency and organisation.

Learned from the steps that started in the window before the as-of date (24 months unless told),
as they were known on that date. An organisation gets its own curve once it has `MIN_HISTORY`
finished steps; until then its steps share the curve of their kind across the area. A kind with
fewer than `MIN_POOL` finished steps is not forecast at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sendtrack.forecast.steps import Step, journeys
from sendtrack.forecast.survival import Durations
from sendtrack.statutory.dates import months_before

DEFAULT_WINDOW_MONTHS = 24
MIN_HISTORY = 30
MIN_POOL = 10
# From the last advice in (or the decision, when no advice was asked for) to the final plan.
PLAN_AFTER_ADVICE = "plan_after_advice"


@dataclass(frozen=True)
class DurationModel:
    as_of: date
    window_start: date
    curves: dict[str, Durations]

    def curve_for(self, kind: str, organisation: str = "") -> tuple[str, Durations] | None:
        """The organisation's own curve if it has enough history, else its kind's; None if neither."""
        if organisation:
            own = self.curves.get(group_label(kind, organisation))
            if own is not None:
                return group_label(kind, organisation), own
        pooled = self.curves.get(kind)
        return (kind, pooled) if pooled is not None else None


def group_label(kind: str, organisation: str) -> str:
    return f"{kind}|{organisation}" if organisation else kind


def _observation(start: date, completed: date | None, as_of: date) -> tuple[int, bool]:
    if completed is not None and completed <= as_of:
        return (completed - start).days, True
    return (as_of - start).days, False


class Observations:
    """The durations the model learns from, counted a step at a time: finished and still open, per
    day, for each step kind and each kind at an organisation, and the plan-writing gaps."""

    def __init__(self, as_of: date, window_months: int = DEFAULT_WINDOW_MONTHS) -> None:
        self.as_of, self.window_months = as_of, window_months
        self.window_start = months_before(as_of, window_months)
        self.counts: dict[str, tuple[Counter[int], Counter[int]]] = {}
        self.gaps: tuple[Counter[int], Counter[int]] = (Counter(), Counter())

    def add(self, step: Step) -> bool:
        """Count the step if it is history (started in the window by the as-of date, not closed)."""
        if step.start < self.window_start or step.start > self.as_of or step.closed:
            return False
        days, finished = _observation(step.start, step.completed, self.as_of)
        index, days = (0 if finished else 1), max(days, 0)
        self.counts.setdefault(step.kind, (Counter(), Counter()))[index][days] += 1
        if step.organisation:
            label = group_label(step.kind, step.organisation)
            self.counts.setdefault(label, (Counter(), Counter()))[index][days] += 1
        return True

    def add_journey(self, journey_steps: list[Step]) -> None:
        """One request's history steps: the gap from its last advice to its final plan, if known."""
        gap = _plan_after_advice(journey_steps, self.as_of)
        if gap is not None:
            days, finished = gap
            self.gaps[0 if finished else 1][max(days, 0)] += 1

    def model(self) -> DurationModel:
        curves: dict[str, Durations] = {}
        for label, (ended, left) in [*self.counts.items(), (PLAN_AFTER_ADVICE, self.gaps)]:
            curve = Durations.counted(ended, left)
            needed = MIN_HISTORY if "|" in label else MIN_POOL
            if curve.finished >= needed:
                curves[label] = curve
        return DurationModel(as_of=self.as_of, window_start=self.window_start, curves=curves)


def fit(steps: Iterable[Step], as_of: date, window_months: int = DEFAULT_WINDOW_MONTHS) -> DurationModel:
    """Fit the curves from steps known on `as_of` (completions after it are treated as not yet done)."""
    observations = Observations(as_of, window_months)
    history = [step for step in steps if observations.add(step)]
    for journey_steps in journeys(history).values():
        observations.add_journey(journey_steps)
    return observations.model()


def advice_in_since(journey_steps: list[Step], as_of: date) -> date | None:
    """The day the plan-writing gap began: the assessment decision and every advice asked for are in."""
    decided = [s.completed for s in journey_steps if s.rule_name == "assessment_decision"]
    if not decided or decided[0] is None or decided[0] > as_of:
        return None
    advice = [s for s in journey_steps if s.rule_name == "advice" and not s.closed]
    if not advice or any(s.completed is None or s.completed > as_of for s in advice):
        return None
    return max([decided[0], *(s.completed for s in advice if s.completed is not None)])


def _plan_after_advice(journey_steps: list[Step], as_of: date) -> tuple[int, bool] | None:
    final = next((s for s in journey_steps if s.rule_name == "final_plan"), None)
    if final is None or final.closed:
        return None
    since = advice_in_since(journey_steps, as_of)
    return None if since is None else _observation(since, final.completed, as_of)
