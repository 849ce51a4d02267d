"""An area with a history to learn from: 60 finished requests and three open ones, clock at 16 March 2026.

`NB-9001` is 15 weeks in with health advice outstanding, `NB-9002` 15 weeks in with all advice in,
`NB-9003` 8 weeks in with health advice outstanding (see history.py for the past requests' pace).
"""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import pytest
import time_machine

from sendtrack.forecast.models import BacktestReport
from sendtrack.forecast.services import refresh_forecast
from tests.casework.conftest import import_objects
from tests.forecast.history import open_request, past_requests

TODAY = dt.date(2026, 3, 16)


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel(dt.datetime(2026, 3, 16, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def history(area, council, health_trust):
    objects = [
        *past_requests(60, TODAY),
        open_request("NB-9001", TODAY - timedelta(weeks=15), TODAY, health_in=False),
        open_request("NB-9002", TODAY - timedelta(weeks=15), TODAY, health_in=True),
        open_request("NB-9003", TODAY - timedelta(weeks=8), TODAY, health_in=False),
    ]
    for n, obj in enumerate(objects):
        obj["person"] = {"ref": f"P{n:04d}", "given_name": f"Child{n}", "family_name": "Forecast"}
    import_objects(objects, area)
    refresh_forecast(area=area, as_of=TODAY)
    return area


def _report(brier: float) -> dict:
    scores = {
        "n": 120,
        "brier": brier,
        "brier_overall_baseline": 0.24,
        "brier_stage_baseline": 0.23,
        "calibration": [[0.25, 0.2, 50], [0.55, 0.6, 40], [0.85, 0.8, 30]],
    }
    return {"as_of_dates": ["2025-06-01", "2025-07-01"], "steps": {"final_plan": scores}}


@pytest.fixture
def checked(history):
    """A backtest in which the forecast beat both baselines."""
    return BacktestReport.objects.create(
        local_area=history,
        first=dt.date(2025, 6, 1),
        last=dt.date(2025, 7, 1),
        report=_report(0.19),
        beats_baselines=True,
    )


@pytest.fixture
def failed_check(history):
    """A backtest in which the forecast did worse than the overall late share."""
    return BacktestReport.objects.create(
        local_area=history,
        first=dt.date(2025, 6, 1),
        last=dt.date(2025, 7, 1),
        report=_report(0.26),
        beats_baselines=False,
    )
