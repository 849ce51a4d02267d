"""Forecasting open steps from an area's history, given the time already waited (plain Python)."""

from __future__ import annotations

import copy
from datetime import date, timedelta

from sendtrack.forecast.area import forecast_area
from sendtrack.forecast.steps import Step, advice_organisations, steps_from_timeline
from sendtrack.statutory import derive, parse_case
from tests.forecast.history import TRUST, open_request, past_requests

TODAY = date(2026, 3, 16)


def steps_of(objects, as_of=TODAY) -> list[Step]:
    steps: list[Step] = []
    for obj in objects:
        case = parse_case(obj)
        steps.extend(steps_from_timeline(derive(case, as_of), advice_organisations(case)))
    return steps


def final_plan(result, case_ref):
    return next(
        f for f in result.forecasts if f.step.case_ref == case_ref and f.step.rule_name == "final_plan"
    )


def test_a_request_fifteen_weeks_in_waiting_for_health_advice_is_likely_late_and_says_why():
    waiting = open_request("NB-9001", TODAY - timedelta(weeks=15), TODAY, health_in=False)
    advice_in = open_request("NB-9002", TODAY - timedelta(weeks=15), TODAY, health_in=True)

    result = forecast_area(steps_of([*past_requests(60, TODAY), waiting, advice_in]), TODAY)

    late = final_plan(result, "NB-9001")
    sooner = final_plan(result, "NB-9002")
    assert late.chance_late is not None and sooner.chance_late is not None
    assert late.chance_late > 0.5 and late.chance_late > sooner.chance_late + 0.2
    assert late.reason.startswith("Likely late because health advice from " + TRUST + " is outstanding")
    assert "6 weeks allowed" in late.reason and "days here" in late.reason
    assert late.earliest <= late.expected <= late.latest
    assert late.expected > TODAY


def test_the_longer_a_step_has_waited_the_likelier_it_misses():
    history = past_requests(60, TODAY)
    early = open_request("NB-9001", TODAY - timedelta(weeks=7), TODAY, health_in=False)
    late = open_request("NB-9002", TODAY - timedelta(weeks=11), TODAY, health_in=False)

    result = forecast_area(steps_of([*history, early, late]), TODAY)

    def health(case_ref):
        return next(
            f for f in result.forecasts if f.step.case_ref == case_ref and f.step.key == "advice:health"
        )

    assert health("NB-9002").chance_late > health("NB-9001").chance_late


def test_an_organisation_with_enough_history_gets_its_own_curve_and_others_share_the_agencys():
    history = past_requests(60, TODAY)
    for obj in history[:20]:  # twenty requests went to another trust, too few for its own curve
        for event in obj["events"]:
            if event.get("to") == TRUST:
                event["to"] = "Southmoor Hospitals NHS Trust"
    ours = open_request("NB-9001", TODAY - timedelta(weeks=9), TODAY, health_in=False)
    theirs = copy.deepcopy(open_request("NB-9002", TODAY - timedelta(weeks=9), TODAY, health_in=False))
    for event in theirs["events"]:
        if event.get("to") == TRUST:
            event["to"] = "Southmoor Hospitals NHS Trust"

    result = forecast_area(steps_of([*history, ours, theirs]), TODAY)

    drivers = {f.step.case_ref: f.driver for f in result.forecasts if f.step.key == "advice:health"}
    assert drivers["NB-9001"] == f"advice:health|{TRUST}"
    assert drivers["NB-9002"] == "advice:health"


def test_a_recorded_exception_changes_no_chance_and_is_never_counted_as_a_breach():
    history = past_requests(60, TODAY)
    plain = open_request("NB-9001", TODAY - timedelta(weeks=15), TODAY, health_in=False)
    excepted = open_request("NB-9001", TODAY - timedelta(weeks=15), TODAY, health_in=False)
    excepted["events"].append(
        {
            "type": "exception",
            "reason": "exceptional_personal_circumstances",
            "start": (TODAY - timedelta(weeks=10)).isoformat(),
            "end": (TODAY - timedelta(weeks=4)).isoformat(),
        }
    )

    without = forecast_area(steps_of([*history, plain]), TODAY)
    with_exception = forecast_area(steps_of([*history, excepted]), TODAY)

    assert final_plan(with_exception, "NB-9001").step.excepted
    assert final_plan(with_exception, "NB-9001").chance_late == final_plan(without, "NB-9001").chance_late
    assert final_plan(with_exception, "NB-9001").step.due == final_plan(without, "NB-9001").step.due
    assert without.summary.expected_breaches > 0.5
    assert with_exception.summary.expected_breaches == 0


def test_the_what_if_shows_how_many_breaches_faster_health_advice_would_save():
    history = past_requests(60, TODAY)
    waiting = [
        open_request(f"NB-90{n:02d}", TODAY - timedelta(weeks=14), TODAY, health_in=False) for n in range(8)
    ]

    result = forecast_area(steps_of([*history, *waiting]), TODAY)

    health = next(w for w in result.summary.what_ifs if w.kind == "advice:health")
    assert health.words == "health advice" and health.allowed == "6 weeks"
    assert health.after < health.before
    queue = next(q for q in result.summary.queues if q.kind == "advice:health")
    plans = [f for f in result.forecasts if f.step.rule_name == "final_plan"]
    assert queue.queue == 8 and queue.organisation == TRUST
    assert queue.expected_breaches == round(sum(f.chance_late for f in plans), 1) > 2


def test_breaches_by_month_count_requests_whose_limit_runs_out_that_month():
    history = past_requests(60, TODAY)
    # 20 weeks from 14 weeks ago runs out in April 2026; from 10 weeks ago, in May 2026.
    april = open_request("NB-9001", TODAY - timedelta(weeks=14), TODAY, health_in=False)
    may = open_request("NB-9002", TODAY - timedelta(weeks=10), TODAY, health_in=False)

    result = forecast_area(steps_of([*history, april, may]), TODAY)

    months = {m.month: m for m in result.summary.months}
    assert list(months) == [date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)]
    assert months[date(2026, 3, 1)].expected == 0 and months[date(2026, 3, 1)].high == 0
    assert months[date(2026, 4, 1)].expected == round(final_plan(result, "NB-9001").chance_late, 1) > 0
    assert months[date(2026, 5, 1)].expected == round(final_plan(result, "NB-9002").chance_late, 1) > 0
    assert months[date(2026, 4, 1)].high == 1


def test_too_little_history_gives_no_forecast_rather_than_a_guess():
    result = forecast_area(
        steps_of(
            [
                *past_requests(5, TODAY),
                open_request("NB-9001", TODAY - timedelta(weeks=9), TODAY, health_in=False),
            ]
        ),
        TODAY,
    )

    plan = final_plan(result, "NB-9001")
    assert plan.chance_late is None and "Not enough history" in plan.reason
