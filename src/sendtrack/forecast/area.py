"""One area's forecast on one date, from its steps: the model, every open step, and the summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sendtrack.forecast.model import DEFAULT_WINDOW_MONTHS, fit
from sendtrack.forecast.predict import StepForecast, forecast_all
from sendtrack.forecast.steps import Step
from sendtrack.forecast.summary import AreaSummary, summarise, summary_json


@dataclass(frozen=True)
class AreaForecast:
    as_of: date
    window_months: int
    forecasts: list[StepForecast]
    summary: AreaSummary


def forecast_area(steps: list[Step], as_of: date, window_months: int = DEFAULT_WINDOW_MONTHS) -> AreaForecast:
    """Fit the area's durations once, then forecast every open step and sum them up."""
    model = fit(steps, as_of, window_months)
    forecasts, simulations = forecast_all(model, steps, as_of)
    summary = summarise(model, steps, forecasts, simulations, as_of)
    return AreaForecast(as_of, window_months, forecasts, summary)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def step_json(forecast: StepForecast) -> dict[str, Any]:
    step = forecast.step
    return {
        "case_ref": step.case_ref,
        "step": step.kind,
        "rule": step.key,
        "journey": step.journey,
        "organisation": step.organisation or None,
        "start": step.start.isoformat(),
        "due": step.due.isoformat(),
        "chance_late": None if forecast.chance_late is None else round(forecast.chance_late, 3),
        "expected": _iso(forecast.expected),
        "earliest": _iso(forecast.earliest),
        "latest": _iso(forecast.latest),
        "excepted": step.excepted,
        "reason": forecast.reason,
    }


def area_json(forecast: AreaForecast) -> dict[str, Any]:
    return {
        "as_of": forecast.as_of.isoformat(),
        "window_months": forecast.window_months,
        "summary": summary_json(forecast.summary),
        "steps": [step_json(f) for f in forecast.forecasts],
    }
