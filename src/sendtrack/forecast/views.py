"""The forecast page for managers and the board: read from the stored forecast and backtest."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sendtrack.accounts import access as area_access
from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.selectors import active_membership
from sendtrack.forecast.backtest import HEADLINE
from sendtrack.forecast.predict import final_plan_limit
from sendtrack.forecast.selectors import area_for_forecast, area_forecast, backtest_verdict, latest_backtest
from sendtrack.statutory.dates import MONTH_NAMES

STEP_NAMES = {
    "final_plan": "Final plan",
    "assessment_decision": "Decision whether to assess",
    "advice:health": "Health advice",
    "advice:social_care": "Social care advice",
    "advice:educational_psychology": "Educational psychology advice",
    "advice:education": "Education advice",
    "review_decision": "Review decision",
    "amended_plan": "Amended plan",
}


@login_required
def forecast(request: AuthenticatedHttpRequest, area_code: str | None = None) -> HttpResponse:
    if area_code is None:
        membership = active_membership(request)
        preferred = membership.organisation.local_area.code if membership else None
        codes = [a.code for a in area_access.reporting_areas(request.user)]
        area_code = preferred if preferred in codes else None
    area = area_for_forecast(request.user, area_code)
    run = area_forecast(area)
    backtest = latest_backtest(area)
    verdict = backtest_verdict(backtest)
    shown = run is not None and backtest is not None and backtest.beats_baselines
    as_of = run.as_of if run else timezone.localdate()
    context: dict[str, Any] = {
        "area": area,
        "run": run,
        "shown": shown,
        "verdict": verdict,
        "limit": final_plan_limit(as_of),
        "backtest_rows": _backtest_rows(backtest.report if backtest else {}),
    }
    if shown and run is not None:
        context.update(_summary_context(run.summary))
    if verdict and verdict["scores"]:
        calibration = verdict["scores"]["calibration"]
        context["calibration"] = [{"predicted": p, "observed": o, "n": n} for p, o, n in calibration]
        context["calibration_chart"] = {
            "predicted": [round(p * 100, 1) for p, _, _ in calibration],
            "observed": [round(o * 100, 1) for _, o, _ in calibration],
        }
    return render(request, "forecast/forecast.html", context)


def _month_words(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{MONTH_NAMES[day.month]} {day.year}"


def _summary_context(summary: dict[str, Any]) -> dict[str, Any]:
    months = [{**m, "words": _month_words(m["month"])} for m in summary["months"]]
    return {
        "summary": summary,
        "months": months,
        "months_chart": {
            "labels": [m["words"] for m in months],
            "expected": [m["expected"] for m in months],
            "low": [m["low"] for m in months],
            "high": [m["high"] for m in months],
        },
        "year_end": summary["year_end"],
        "queues": [q for q in summary["queues"] if _worth_a_row(q)],
        "quiet_queues": sum(1 for q in summary["queues"] if not _worth_a_row(q)),
        "what_ifs": [w for w in summary["what_ifs"] if w["after"] < w["before"]],
    }


def _worth_a_row(queue: dict[str, Any]) -> bool:
    """Organisations expected to cause little lateness are counted under the table, not listed."""
    return bool(queue["expected_breaches"] >= 0.5 or queue["expected_late"] >= 1)


def _backtest_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for kind, scores in report.get("steps", {}).items():
        better_baseline = min(scores["brier_overall_baseline"], scores["brier_stage_baseline"])
        rows.append(
            {
                "name": STEP_NAMES.get(kind, kind),
                "kind": kind,
                "headline": kind == HEADLINE,
                "beats": scores["brier"] < better_baseline,
                **scores,
            }
        )
    return rows
