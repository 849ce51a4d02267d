"""What casework's pages show of the statutory risk forecast, which sits in a layer above casework.

The forecast app names its readers here when it is ready (`read_forecast_with`); until it does,
casework shows no forecast: no area has one, no case carries a risk and no step a chance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import CharField, DateField, FloatField, QuerySet, Value

from sendtrack.casework.models import Case


def _no_risk(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.annotate(
        risk=Value(None, output_field=FloatField()),
        risk_reason=Value(None, output_field=CharField()),
        risk_due=Value(None, output_field=DateField()),
    )


@dataclass
class ForecastReaders:
    # Whether a forecast is shown for any of these local areas (by id).
    shown: Callable[[Iterable[int]], bool] = lambda area_ids: False
    # The cases, each annotated with `risk`, `risk_reason` and `risk_due` of its final plan.
    with_final_plan_risk: Callable[[QuerySet[Case]], QuerySet[Case]] = _no_risk
    # The forecast of each open step of one case, by (rule, start).
    of_case: Callable[[Case], dict[tuple[str, date], Any]] = lambda case: {}


FORECAST = ForecastReaders()


def read_forecast_with(readers: ForecastReaders) -> None:
    """Name the forecast's readers (called by the forecast app when it is ready)."""
    global FORECAST
    FORECAST = readers
