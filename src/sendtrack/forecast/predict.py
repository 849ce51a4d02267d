"""Forecast each open step: the chance it misses its due date, when it will probably be done, and why.

A single step (a decision, one agency's advice, a review decision, an amended plan) is read straight
off its survival curve, given the days already waited. The final plan is simulated from its parts:
each outstanding advice (given its own wait), then the plan-writing gap that follows the last advice;
a request with nothing to go on yet uses the final plan's own curve given its wait.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import add

from sendtrack.forecast.model import PLAN_AFTER_ADVICE, DurationModel, advice_in_since
from sendtrack.forecast.steps import Step, journeys
from sendtrack.forecast.survival import Durations
from sendtrack.statutory.rules import ADVISERS, period_in_words, rule_for

DRAWS = 200
LOW, HIGH = 0.1, 0.9  # the range shown: 8 in 10 steps finish inside it
LIKELY_LATE = 0.5
AT_RISK = 0.2


@dataclass(frozen=True, slots=True)
class StepForecast:
    """What the forecast says about one open step. `chance_late` is None when history is too thin."""

    step: Step
    chance_late: float | None
    expected: date | None
    earliest: date | None
    latest: date | None
    reason: str
    driver: str
    learned_from: int

    waited: int = 0

    @property
    def overdue(self) -> bool:
        """Already past its due date: a breach now (unless excepted), not a forecast."""
        return self.step.start + timedelta(days=self.waited) > self.step.due


@dataclass(slots=True)
class Simulation:
    """The draws behind one final plan forecast, kept so the area summary and the what-if can reuse them.

    Each draw's finishing day (counted from the request) is `max(floor, each advice's day) + gap`.
    `advice` maps an advice step's kind to (its days allowed counted from the request, its draws).
    """

    forecast: StepForecast
    allowed: int
    waited: int
    floor: int
    gap: Sequence[int]
    advice: dict[str, tuple[int, Sequence[int]]] = field(default_factory=dict)
    driver_step: Step | None = None
    _days: Sequence[int] | None = None

    def finish_days(self, capped: str = "") -> Sequence[int]:
        """Each draw's finishing day; with `capped`, that agency's advice comes within its time limit."""
        if not capped and self._days is not None:
            return self._days
        latest = [self.floor] * len(self.gap)
        for kind, (allowed, draws) in self.advice.items():
            if kind == capped:
                limit = max(allowed, self.waited + 1)
                draws = [min(day, limit) for day in draws]
            latest = list(map(max, latest, draws))
        days = list(map(add, latest, self.gap))
        if not capped:
            # Kept as machine integers: a country has tens of thousands of open final plans.
            self._days = array("i", days)
        return days

    def late_share(self, capped: str = "") -> float:
        """The share of draws finishing after the limit, with half a draw either way, so 200 draws
        never claim certainty about the future."""
        days = self.finish_days(capped)
        allowed = self.allowed
        return (sum(1 for day in days if day > allowed) + 0.5) / (len(days) + 1)


def allowed_words(step: Step) -> str:
    """The time limit in words from the rule in force ("6 weeks"), never written out here."""
    selector = step.key.split(":", 1)[1] if step.rule_name == "advice" else None
    rule = rule_for(step.rule_name, step.start, selector)
    if rule is None:
        return f"{(step.due - step.start).days} days"
    return rule.period.phrase.removesuffix(" from")


def final_plan_limit(on: date) -> str:
    """The final plan's time limit in words on a date ("20 weeks"), from the rule in force."""
    return period_in_words("final_plan", on)


def who(step: Step) -> str:
    """ "health advice from Northbridge Community Health NHS Trust", "the assessment decision"."""
    if step.rule_name == "advice":
        text = f"{ADVISERS.get(step.key.split(':', 1)[1], 'other')} advice"
        return f"{text} from {step.organisation}" if step.organisation else text
    return STEP_WORDS.get(step.rule_name, step.rule_name.replace("_", " "))


STEP_WORDS = {
    "assessment_decision": "the decision whether to assess",
    "final_plan": "the final plan",
    "setting_response": "the setting's response",
    "review_decision": "the review decision",
    "amendment_notice": "the amendment notice",
    "amended_plan": "the amended plan",
}


def sentence(chance: float, clause: str, overdue: bool = False) -> str:
    if overdue:
        return f"Already late: {clause}"
    if chance >= LIKELY_LATE:
        return f"Likely late because {clause}"
    if chance >= AT_RISK:
        return f"At risk because {clause}"
    return f"Likely on time: {clause}"


def _day(start: date, days: int) -> date:
    return start + timedelta(days=days)


def _quantiles(days: Sequence[int]) -> tuple[int, int, int]:
    ordered = sorted(days)
    last = len(ordered) - 1
    return ordered[int(LOW * last)], ordered[last // 2], ordered[int(HIGH * last)]


def forecast_steps(model: DurationModel, steps: Iterable[Step], as_of: date) -> list[StepForecast]:
    """Forecast every open step that had started by `as_of` (final plans through `simulate_final_plans`)."""
    forecasts, _ = forecast_all(model, steps, as_of)
    return forecasts


def forecast_all(
    model: DurationModel, steps: Iterable[Step], as_of: date
) -> tuple[list[StepForecast], list[Simulation]]:
    """Every open step's forecast, and the simulations behind the final plans."""
    known = [s for s in steps if s.start <= as_of]
    return forecast_open(model, filter(forecast_alone, known), journeys(known).values(), as_of)


def forecast_alone(step: Step) -> bool:
    """An open step forecast off its own curve: anything but a final plan (simulated from its parts)."""
    return step.is_open and step.rule_name != "final_plan"


def open_final_plan(journey_steps: list[Step]) -> Step | None:
    final = next((s for s in journey_steps if s.rule_name == "final_plan"), None)
    return final if final is not None and final.is_open else None


def forecast_open(
    model: DurationModel, alone: Iterable[Step], requests: Iterable[list[Step]], as_of: date
) -> tuple[list[StepForecast], list[Simulation]]:
    """The forecasts of the open steps given (started by `as_of`), then of each request's final plan
    that is still open (a request's steps known by `as_of`), and the simulations behind those."""
    forecasts = [_single(model, step, as_of) for step in alone]
    simulations: list[Simulation] = []
    for journey_steps in requests:
        final = open_final_plan(journey_steps)
        if final is not None:
            simulation = _final_plan(model, final, journey_steps, as_of)
            forecasts.append(simulation.forecast)
            simulations.append(simulation)
    return forecasts, simulations


def _no_history(step: Step) -> StepForecast:
    return StepForecast(step, None, None, None, None, "Not enough history in this area to forecast", "", 0)


def _single(model: DurationModel, step: Step, as_of: date) -> StepForecast:
    found = model.curve_for(step.kind, step.organisation)
    if found is None:
        return _no_history(step)
    label, curve = found
    waited = (as_of - step.start).days
    allowed = (step.due - step.start).days
    chance = curve.chance_longer(allowed, waited)
    clause = f"{who(step)} typically takes {curve.median()} days here ({allowed_words(step)} allowed)"
    overdue = waited > allowed
    return StepForecast(
        step,
        chance,
        _day(step.start, curve.quantile(0.5, waited)),
        _day(step.start, curve.quantile(LOW, waited)),
        _day(step.start, curve.quantile(HIGH, waited)),
        sentence(chance, clause, overdue),
        label,
        curve.finished,
        waited,
    )


def _draws(rng: random.Random, curve: Durations, waited: int, offset: int = 0) -> list[int]:
    return curve.draws(rng, DRAWS, waited, offset)


def _final_plan(model: DurationModel, final: Step, journey_steps: list[Step], as_of: date) -> Simulation:
    rng = random.Random(f"{as_of.isoformat()}|{final.case_ref}|{final.journey}")
    waited = (as_of - final.start).days
    allowed = (final.due - final.start).days
    gap = model.curves.get(PLAN_AFTER_ADVICE)
    outstanding = [s for s in journey_steps if s.rule_name == "advice" and s.is_open]
    curves = [model.curve_for(s.kind, s.organisation) for s in outstanding]
    since = advice_in_since(journey_steps, as_of)
    advice: dict[str, tuple[int, list[int]]] = {}
    clause = ""
    driver = "local authority"
    driver_step: Step | None = None
    learned_from = 0
    if outstanding and gap is not None and all(c is not None for c in curves):
        floor = 0
        latest_median = -1
        for step, found in zip(outstanding, curves, strict=True):
            assert found is not None
            label, curve = found
            offset = (step.start - final.start).days
            draws = _draws(rng, curve, (as_of - step.start).days, offset)
            previous = advice.get(step.kind)
            if previous is not None:  # two requests to one agency: the later finish counts
                draws = [max(a, b) for a, b in zip(previous[1], draws, strict=True)]
            advice[step.kind] = (offset + (step.due - step.start).days, draws)
            median = offset + curve.quantile(0.5, (as_of - step.start).days)
            if median > latest_median:
                latest_median = median
                driver = label
                driver_step = step
                clause = (
                    f"{who(step)} is outstanding (typically {curve.median()} days here, "
                    f"{allowed_words(step)} allowed)"
                )
                learned_from = curve.finished
        gaps = _draws(rng, gap, 0)
    elif since is not None and gap is not None:
        floor = (since - final.start).days
        gaps = _draws(rng, gap, (as_of - since).days)
        left = max(allowed - waited, 0)
        clause = (
            f"all advice is in and plans here typically follow it by {gap.median()} days, "
            f"with {left} day{'' if left == 1 else 's'} of the {allowed_words(final)} left"
        )
        learned_from = gap.finished
    else:
        found = model.curve_for("final_plan")
        if found is None:
            forecast = _no_history(final)
            return Simulation(forecast, allowed, waited, 0, [])
        _, curve = found
        floor = 0
        gaps = _draws(rng, curve, waited)
        pending = any(s.rule_name == "assessment_decision" and s.is_open for s in journey_steps)
        first = "the decision whether to assess is not made yet and " if pending else ""
        clause = (
            f"{first}final plans here typically take {curve.median()} days ({allowed_words(final)} allowed)"
        )
        learned_from = curve.finished
    simulation = Simulation(
        StepForecast(final, None, None, None, None, "", driver, learned_from),
        allowed,
        waited,
        floor,
        array("i", gaps),
        {kind: (limit, array("i", draws)) for kind, (limit, draws) in advice.items()},
        driver_step,
    )
    days = simulation.finish_days()
    overdue = waited > allowed
    chance = 1.0 if overdue else simulation.late_share()
    low, middle, high = _quantiles(days)
    simulation.forecast = StepForecast(
        final,
        chance,
        _day(final.start, middle),
        _day(final.start, low),
        _day(final.start, high),
        sentence(chance, clause, overdue),
        driver,
        learned_from,
        waited,
    )
    return simulation
