"""The refresh's case-by-case forecast gives what the forecast of the whole list of steps gives."""

from __future__ import annotations

from datetime import date

import pytest

from sendtrack.demo.generator import generate_cases
from sendtrack.forecast.area import area_json, forecast_area
from sendtrack.forecast.gather import Gathered, forecast_by_case
from sendtrack.forecast.model import DEFAULT_WINDOW_MONTHS, PLAN_AFTER_ADVICE, fit
from sendtrack.forecast.steps import steps_on
from sendtrack.statutory import parse_case
from tests.forecast.history import TRUST

AS_OF = date(2026, 11, 30)


@pytest.fixture(scope="module")
def cases():
    return [parse_case(o) for o in generate_cases("999", 600, 11, AS_OF, advice_to={"health": TRUST})]


@pytest.mark.parametrize("on", [date(2025, 6, 30), date(2026, 3, 1), AS_OF])
def test_the_same_forecasts_summary_and_order_as_the_whole_list(cases, on):
    steps = steps_on(cases, on)
    whole = forecast_area(steps, on)
    by_case = forecast_by_case(iter(steps), on)
    assert whole.summary.open_requests > 20
    assert whole.summary.year_end.issued_so_far > 0
    assert area_json(by_case) == area_json(whole)
    assert [f.driver for f in by_case.forecasts] == [f.driver for f in whole.forecasts]


def test_the_counted_curves_are_the_fitted_ones(cases):
    steps = steps_on(cases, AS_OF)
    gathered = Gathered(AS_OF, DEFAULT_WINDOW_MONTHS)
    for step in steps:
        gathered.add(step)
    gathered.finish()
    counted = gathered.observations.model().curves
    fitted = fit(steps, AS_OF).curves
    assert PLAN_AFTER_ADVICE in fitted
    assert len(fitted) > 5
    assert {label: (c.times, c.surviving, c.finished) for label, c in counted.items()} == {
        label: (c.times, c.surviving, c.finished) for label, c in fitted.items()
    }
