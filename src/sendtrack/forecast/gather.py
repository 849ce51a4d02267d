"""An area's forecast from its steps read once, case by case, keeping only what the forecast needs.

`forecast_area` holds every step of the area; a country's are millions. Read in case order, a
request's steps arrive together, so each case's history is counted for the model as it goes (the
durations, the plan-writing gaps, this year's issued plans) and then dropped. What is kept until the
model is fitted: the open steps forecast on their own, and the steps of each request whose final
plan is still open. The forecasts, simulations and summary are the same as `forecast_area`'s for
the same steps in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sendtrack.forecast.area import AreaForecast
from sendtrack.forecast.model import DEFAULT_WINDOW_MONTHS, Observations
from sendtrack.forecast.predict import forecast_alone, forecast_open, open_final_plan
from sendtrack.forecast.steps import REQUEST_RULES, Step, journeys
from sendtrack.forecast.summary import IssuedThisYear, summarise


class Gathered:
    """What is kept of the steps: the model's counts, this year's issued plans, the open work."""

    def __init__(self, as_of: date, window_months: int) -> None:
        self.as_of = as_of
        self.observations = Observations(as_of, window_months)
        self.issued = IssuedThisYear(as_of)
        self.alone: list[Step] = []
        self.requests: list[list[Step]] = []
        self._case: str | None = None
        self._request_steps: list[tuple[Step, bool]] = []

    def add(self, step: Step) -> None:
        if step.case_ref != self._case:
            self._end_case()
            self._case = step.case_ref
        history = self.observations.add(step)
        self.issued.add(step)
        if step.start > self.as_of:
            return
        if forecast_alone(step):
            self.alone.append(step)
        if step.journey is not None and step.rule_name in REQUEST_RULES:
            self._request_steps.append((step, history))

    def _end_case(self) -> None:
        """The case's requests: their history counted, those with an open final plan kept."""
        if not self._request_steps:
            return
        known = journeys(step for step, _ in self._request_steps)
        past = journeys(step for step, history in self._request_steps if history)
        for key, journey_steps in known.items():
            if key in past:
                self.observations.add_journey(past[key])
            if open_final_plan(journey_steps) is not None:
                self.requests.append(journey_steps)
        self._request_steps = []

    def finish(self) -> AreaForecast:
        self._end_case()
        model = self.observations.model()
        forecasts, simulations = forecast_open(model, self.alone, self.requests, self.as_of)
        summary = summarise(model, self.issued, forecasts, simulations, self.as_of)
        return AreaForecast(self.as_of, self.observations.window_months, forecasts, summary)


def forecast_by_case(
    steps: Iterable[Step], as_of: date, window_months: int = DEFAULT_WINDOW_MONTHS
) -> AreaForecast:
    """The area's forecast from its steps given case by case (a case's steps together, in order)."""
    gathered = Gathered(as_of, window_months)
    for step in steps:
        gathered.add(step)
    return gathered.finish()
