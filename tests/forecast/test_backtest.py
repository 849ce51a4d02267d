"""The backtest reads nothing after its as-of date, and reports in the agreed shape (plain Python)."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from functools import cache

from sendtrack.demo.generator import generate_cases
from sendtrack.forecast.area import area_json, forecast_area
from sendtrack.forecast.backtest import backtest, beats_baselines, known_outcome
from sendtrack.forecast.steps import Step, steps_on
from sendtrack.statutory import parse_case
from tests.forecast.history import TRUST

DEMO_AS_OF = date(2026, 11, 30)
ON = date(2026, 3, 1)


@cache
def _generated() -> tuple[dict, ...]:
    return tuple(generate_cases("999", 400, 7, DEMO_AS_OF, advice_to={"health": TRUST}))


def demo_objects() -> list[dict]:
    return copy.deepcopy(list(_generated()))


def forecast_json(objects: list[dict], on: date) -> dict:
    return area_json(forecast_area(steps_on([parse_case(o) for o in objects], on), on))


def _day(event: dict) -> str:
    return event.get("date") or event["start"]


def test_changing_events_after_the_as_of_date_does_not_move_the_forecast():
    objects = demo_objects()
    before = forecast_json(objects, ON)

    changed = 0
    for obj in objects:
        kept = []
        for event in obj["events"]:
            if _day(event) > ON.isoformat() and event["type"] != "phase_transfer":
                if event["type"] == "final_plan_issued":
                    changed += 1
                    continue  # the plan never came
                for name in ("date", "start", "end"):
                    if name in event:
                        event[name] = (date.fromisoformat(event[name]) + timedelta(days=45)).isoformat()
                changed += 1
            kept.append(event)
        obj["events"] = kept
    after = forecast_json(objects, ON)

    assert changed > 100
    assert before["steps"] and after == before


def test_changing_an_event_before_the_as_of_date_does_move_it():
    objects = demo_objects()
    before = forecast_json(objects, ON)

    moved = 0
    for obj in objects:
        for event in obj["events"]:
            if (
                event["type"] == "advice_received"
                and event.get("from") == "health"
                and "2025-06" < event["date"] < "2026-02"
            ):
                event["date"] = (date.fromisoformat(event["date"]) + timedelta(days=20)).isoformat()
                moved += 1
    after = forecast_json(objects, ON)

    assert moved > 10
    assert after["summary"] != before["summary"]


def test_the_report_has_the_agreed_shape_and_scores_each_step():
    report = backtest(
        [parse_case(o) for o in demo_objects()], date(2025, 11, 1), date(2026, 1, 1), DEMO_AS_OF, step="month"
    )

    assert set(report) == {"as_of_dates", "steps"}
    assert report["as_of_dates"] == ["2025-11-01", "2025-12-01", "2026-01-01"]
    assert "final_plan" in report["steps"] and "advice:health" in report["steps"]
    for scores in report["steps"].values():
        assert set(scores) == {"n", "brier", "brier_overall_baseline", "brier_stage_baseline", "calibration"}
        assert 0 <= scores["brier"] <= 1
        assert sum(n for _, _, n in scores["calibration"]) == scores["n"]
        assert all(
            0 <= predicted <= 1 and 0 <= observed <= 1 for predicted, observed, _ in scores["calibration"]
        )


def _step(completed: date | None, closed: bool = False) -> Step:
    return Step(
        "NB-1",
        "2026-01-05",
        "final_plan",
        "final_plan",
        date(2026, 1, 5),
        date(2026, 5, 25),
        completed,
        closed,
        False,
    )


def test_an_outcome_counts_only_once_it_is_known():
    assert known_outcome(_step(date(2026, 5, 20)), date(2026, 6, 1)) == 0
    assert known_outcome(_step(date(2026, 6, 20)), date(2026, 7, 1)) == 1
    assert known_outcome(_step(date(2026, 6, 20)), date(2026, 6, 1)) == 1  # past due and not done
    assert known_outcome(_step(None), date(2026, 5, 1)) is None
    assert known_outcome(_step(None, closed=True), date(2026, 9, 1)) is None


def test_a_forecast_is_shown_only_when_it_beats_both_baselines():
    def report(brier, overall, stage):
        return {
            "steps": {
                "final_plan": {
                    "n": 10,
                    "brier": brier,
                    "brier_overall_baseline": overall,
                    "brier_stage_baseline": stage,
                    "calibration": [],
                }
            }
        }

    assert beats_baselines(report(0.20, 0.24, 0.23))
    assert not beats_baselines(report(0.20, 0.19, 0.23))
    assert not beats_baselines(report(0.20, 0.24, 0.20))
    assert not beats_baselines({"as_of_dates": [], "steps": {}})
