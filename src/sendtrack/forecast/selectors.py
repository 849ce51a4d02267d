"""Reading the stored forecast. Case-level rows start from `Case.objects.visible_to(user)`; the area
page is an aggregate, read by the roles that may see the area's figures."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from sendtrack.accounts import prepared
from sendtrack.accounts.models import LocalArea, User
from sendtrack.casework.models import Case
from sendtrack.forecast.backtest import HEADLINE
from sendtrack.forecast.models import BacktestReport, ForecastRun, StepForecast
from sendtrack.performance.selectors import reporting_area_or_404


def area_for_forecast(user: User, code: str | None = None) -> LocalArea:
    """The area whose forecast the user may read (its figures are aggregates, as on the dashboard)."""
    return reporting_area_or_404(user, code)


def latest_backtest(area: LocalArea) -> BacktestReport | None:
    return BacktestReport.objects.filter(local_area=area).first()


def validated_area_ids() -> list[int]:
    """Areas whose latest backtest says the forecast beats both baselines."""
    latest: dict[int, bool] = {}
    for area_id, beats in BacktestReport.objects.order_by("-ran_at", "-pk").values_list(
        "local_area_id", "beats_baselines"
    ):
        latest.setdefault(area_id, beats)
    return [area_id for area_id, beats in latest.items() if beats]


# The verdict of the area's latest backtest (the model's order), asked on every tracker and person
# page: fixed text rather than an ORM query built and compiled each time.
LATEST_VERDICT_SQL = """
SELECT beats_baselines FROM forecast_backtestreport WHERE local_area_id = %s
ORDER BY ran_at DESC, id DESC LIMIT 1
"""


def forecast_shown(area_ids: Iterable[int]) -> bool:
    """A forecast is shown only where the area's latest backtest says it beats both baselines."""
    area_ids = list(area_ids)
    with prepared.cursor() as cursor:
        for area_id in area_ids:
            cursor.execute(LATEST_VERDICT_SQL, [area_id])
            latest = cursor.fetchone()
            if latest is None or not latest[0]:
                return False
    return bool(area_ids)


def area_forecast(area: LocalArea) -> ForecastRun | None:
    return ForecastRun.objects.filter(local_area=area).first()


def final_plan_risk(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate each case with its latest request's chance of missing the final plan limit, and why."""
    forecast = StepForecast.objects.filter(
        case=OuterRef("pk"), rule="final_plan", journey=OuterRef("request_received")
    )
    return cases.annotate(
        risk=Subquery(forecast.values("chance_late")[:1]),
        risk_reason=Subquery(forecast.values("reason")[:1]),
        risk_due=Subquery(forecast.values("due")[:1]),
    )


def case_forecasts(case: Case) -> dict[tuple[str, date], StepForecast]:
    """The forecast of each open step of one (already visible) case, by (rule, start)."""
    return {(f.rule, f.start): f for f in StepForecast.objects.filter(case=case)}


def visible_final_plan_forecasts(user: User) -> QuerySet[StepForecast]:
    """Open requests' final plan forecasts of the cases this user may see, riskiest first."""
    cases = Case.objects.visible_to(user).filter(open=True)
    return (
        StepForecast.objects.filter(case__in=cases, rule="final_plan")
        .select_related("case")
        .order_by("-chance_late", "due", "pk")
    )


def backtest_verdict(report: BacktestReport | None) -> dict[str, Any] | None:
    """The headline of a backtest: the final plan scores and how much better than the better baseline."""
    if report is None:
        return None
    scores = report.report.get("steps", {}).get(HEADLINE)
    if not scores or scores.get("brier") is None:
        return {"report": report, "scores": None, "improvement": None}
    better = min(scores["brier_overall_baseline"], scores["brier_stage_baseline"])
    improvement = round((better - scores["brier"]) / better * 100, 1) if better else None
    return {"report": report, "scores": scores, "improvement": improvement}
