"""The forecast's JSON API: open requests' risk (through `visible_to`) and an area's summary."""

from __future__ import annotations

from datetime import date
from typing import Any

from ninja import Query, Router, Schema
from pydantic import Field

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.forecast.selectors import (
    area_for_forecast,
    area_forecast,
    latest_backtest,
    validated_area_ids,
    visible_final_plan_forecasts,
)

router = Router(tags=["forecast"])
API_PAGE_SIZE = 200


class ForecastPageQuery(Schema):
    page: int = Field(1, ge=1, le=100_000)


class CaseRiskOut(Schema):
    case_ref: str
    request_received: date | None
    due: date
    chance_late: float | None
    expected: date | None
    earliest: date | None
    latest: date | None
    excepted: bool
    reason: str


class CaseRisksOut(Schema):
    count: int
    page: int
    as_of: date | None
    rows: list[CaseRiskOut]


class AreaForecastOut(Schema):
    area: str
    shown: bool
    why_not_shown: str | None
    as_of: date | None
    summary: dict[str, Any] | None
    backtest: dict[str, Any] | None


@router.get(
    "/forecast/cases",
    response=CaseRisksOut,
    summary="Open requests the caller may see, riskiest final plan first",
)
def case_risks(request: AuthenticatedHttpRequest, query: Query[ForecastPageQuery]) -> dict[str, Any]:
    rows = visible_final_plan_forecasts(request.user).filter(local_area_id__in=validated_area_ids())
    start = (query.page - 1) * API_PAGE_SIZE
    chosen = list(rows.select_related("run")[start : start + API_PAGE_SIZE])
    return {
        "count": rows.count(),
        "page": query.page,
        "as_of": chosen[0].run.as_of if chosen else None,
        "rows": [
            {
                "case_ref": row.case.case_ref,
                "request_received": row.journey,
                "due": row.due,
                "chance_late": row.chance_late,
                "expected": row.expected,
                "earliest": row.earliest,
                "latest": row.latest,
                "excepted": row.excepted,
                "reason": row.reason,
            }
            for row in chosen
        ],
    }


@router.get(
    "/forecast/areas/{area_code}",
    response=AreaForecastOut,
    summary="An area's forecast: breaches by month, the year's end, queues, what-ifs, and its backtest",
)
def area_summary(request: AuthenticatedHttpRequest, area_code: str) -> dict[str, Any]:
    area = area_for_forecast(request.user, area_code)
    run = area_forecast(area)
    backtest = latest_backtest(area)
    shown = run is not None and backtest is not None and backtest.beats_baselines
    why = None
    if backtest is None:
        why = "The forecast has not been checked against this area's past yet"
    elif not backtest.beats_baselines:
        why = "Checked against this area's past, the forecast did not beat both baselines"
    elif run is None:
        why = "The forecast has not been worked out yet"
    return {
        "area": area.code,
        "shown": shown,
        "why_not_shown": why,
        "as_of": run.as_of if run and shown else None,
        "summary": run.summary if run and shown else None,
        "backtest": backtest.report if backtest else None,
    }
