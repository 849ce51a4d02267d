"""Worked examples for the statutory exceptions of docs/spec/case-events.md §3."""

from __future__ import annotations

from typing import Any

import pytest

from sendtrack.statutory import CaseFileError, parse_case
from tests.statutory.cases import case, d, event, milestone, timeline

REGS = "SEND Regulations 2014"

# A request of 11 May 2026: decision due 22 June, refusal to issue due 31 August,
# final plan due 28 September 2026.
SUMMER_REQUEST = (
    event("request_received", "2026-05-11"),
    event("assessment_decision", "2026-06-15", outcome="assess"),
)


def summer_closure(**extra: Any) -> dict[str, Any]:
    # Closed from Wednesday 22 July 2026, reopening Wednesday 2 September 2026 (42 days closed).
    return event("exception", reason="school_closure", start="2026-07-22", end="2026-09-02", **extra)


def citations(result: Any, rule: str) -> list[str]:
    return [found["citation"] for found in milestone(result, rule).exceptions]


def test_a_summer_closure_excuses_the_final_plan_when_the_school_was_asked_for_advice_just_before() -> None:
    result = timeline(
        *SUMMER_REQUEST,
        event("advice_requested", "2026-07-15", from_="education", setting_type="school"),
        summer_closure(),
        event("final_plan_issued", "2026-10-05"),
        as_of="2026-10-10",
    )
    final = milestone(result, "final_plan")
    assert (final.status, final.days_late, final.excepted) == ("late", 7, True)  # keeps its status
    assert final.exceptions == [
        {
            "reason": "school_closure",
            "start": d("2026-07-22"),
            "end": d("2026-09-02"),
            "citation": f"{REGS}, reg. 13(3) (read with reg. 10(4)(a))",
        }
    ]
    assert "exception is recorded because the school or college was closed" in final.explanation
    assert citations(result, "plan_decision_refusal") == [f"{REGS}, reg. 10(4)(a)"]
    # The decision to assess was made before the advice was asked for: not excused.
    assert milestone(result, "assessment_decision").excepted is False


def test_a_closure_does_not_apply_when_the_advice_was_asked_for_more_than_7_days_before_it() -> None:
    result = timeline(
        *SUMMER_REQUEST,
        event("advice_requested", "2026-07-14", from_="education"),  # 8 days before 22 July
        summer_closure(),
        as_of="2026-10-10",
    )
    assert milestone(result, "final_plan").excepted is False


def test_a_closure_applies_up_to_7_days_before_reopening() -> None:
    result = timeline(
        *SUMMER_REQUEST,
        event("advice_requested", "2026-08-26", from_="education"),  # 7 days before 2 September
        summer_closure(),
        as_of="2026-10-10",
    )
    assert milestone(result, "final_plan").excepted is True


def test_a_closure_does_not_excuse_advice_asked_of_health() -> None:
    result = timeline(
        *SUMMER_REQUEST,
        event("advice_requested", "2026-07-15", from_="health"),
        summer_closure(),
        as_of="2026-10-10",
    )
    assert milestone(result, "final_plan").excepted is False
    assert milestone(result, "advice:health").excepted is False


def test_an_early_years_closure_excuses_refusal_and_final_plan_but_not_the_decision_to_assess() -> None:
    result = timeline(
        event("request_received", "2026-05-11"),
        event("advice_requested", "2026-06-01", from_="education", setting_type="early_years"),
        event("exception", reason="early_years_closure", start="2026-06-05", end="2026-07-06"),
        as_of="2026-07-10",
    )
    assert citations(result, "final_plan") == [f"{REGS}, reg. 13(3) (read with reg. 10(4)(b))"]
    assert citations(result, "plan_decision_refusal") == [f"{REGS}, reg. 10(4)(b)"]
    assert milestone(result, "assessment_decision").excepted is False


def test_exceptional_personal_circumstances_cite_each_rules_own_paragraph() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("advice_requested", "2026-01-12", from_="social_care"),
        event("final_plan_issued", "2026-01-20"),
        event("exception", reason="exceptional_personal_circumstances", start="2026-01-10", end="2026-01-15"),
        as_of="2026-02-01",
    )
    assert citations(result, "assessment_decision") == [f"{REGS}, reg. 5(4)(b)"]
    assert citations(result, "advice:social_care") == [f"{REGS}, reg. 8(2)(a)"]
    assert citations(result, "plan_decision_refusal") == [f"{REGS}, reg. 10(4)(c)"]
    assert citations(result, "final_plan") == [f"{REGS}, reg. 13(3) (read with reg. 10(4)(c))"]
    assert milestone(result, "annual_review").excepted is False  # s.44(1) has no such exception


def test_an_absence_from_the_area_of_exactly_28_days_counting_both_ends_is_allowed() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("exception", reason="absence_from_area", start="2026-02-01", end="2026-02-28"),
        as_of="2026-03-01",
    )
    assert citations(result, "assessment_decision") == [f"{REGS}, reg. 5(4)(c)"]
    assert citations(result, "final_plan") == [f"{REGS}, reg. 13(3) (read with reg. 10(4)(d))"]


@pytest.mark.parametrize(
    ("reason", "end"),
    [
        ("absence_from_area", "2026-02-27"),  # away 1 to 27 February: 27 days counting both
        ("school_closure", "2026-02-28"),  # closed 1 February, reopening 28 February: 27 days closed
        ("early_years_closure", "2026-02-28"),
    ],
)
def test_an_exception_of_27_days_is_refused(reason: str, end: str) -> None:
    bad = case(
        event("request_received", "2026-01-05"),
        event("exception", reason=reason, start="2026-02-01", end=end),
    )
    with pytest.raises(CaseFileError) as caught:
        parse_case(bad)
    assert (caught.value.event_index, caught.value.field) == (1, "end")
    assert "at least 28 days" in caught.value.problem
    assert "is 27 days" in caught.value.problem


def test_a_closure_ends_on_its_reopening_date_so_22_july_to_18_august_is_too_short() -> None:
    # The contract's own example: closed on 22 July, reopening on 18 August is 27 days closed.
    bad = case(
        event("request_received", "2026-05-11"),
        event("exception", reason="school_closure", start="2026-07-22", end="2026-08-18"),
    )
    with pytest.raises(CaseFileError) as caught:
        parse_case(bad)
    assert str(caught.value) == (
        'case LA999-000001: events[1] (exception): field "end": a school_closure exception must last '
        "at least 28 days; end is the reopening date, so closed on 2026-07-22 and reopening on "
        "2026-08-18 is 27 days closed"
    )


def test_a_closure_reopening_28_days_after_it_began_is_allowed() -> None:
    # Closed on Wednesday 22 July 2026, reopening on Wednesday 19 August 2026: 28 days closed.
    result = timeline(
        *SUMMER_REQUEST,
        event("advice_requested", "2026-07-15", from_="education", setting_type="school"),
        event("exception", reason="school_closure", start="2026-07-22", end="2026-08-19"),
        as_of="2026-10-10",
    )
    assert citations(result, "final_plan") == [f"{REGS}, reg. 13(3) (read with reg. 10(4)(a))"]


def test_an_absence_ends_on_the_last_day_away_so_both_days_count() -> None:
    # Away from 1 February to 28 February 2026 inclusive is 28 days; the same dates as a school
    # closure (reopening on 28 February) are 27 days closed.
    absence = event("exception", reason="absence_from_area", start="2026-02-01", end="2026-02-28")
    closure = event("exception", reason="school_closure", start="2026-02-01", end="2026-02-28")
    parse_case(case(event("request_received", "2026-01-05"), absence))
    with pytest.raises(CaseFileError):
        parse_case(case(event("request_received", "2026-01-05"), closure))


def test_an_absence_applies_to_a_milestone_whose_period_begins_on_the_last_day_away() -> None:
    # Away 1 to 28 February 2026; the request of 28 February is made on the last day away.
    result = timeline(
        event("request_received", "2026-02-28"),
        event("exception", reason="absence_from_area", start="2026-02-01", end="2026-02-28"),
        as_of="2026-03-10",
    )
    assert citations(result, "assessment_decision") == [f"{REGS}, reg. 5(4)(c)"]
    later = timeline(
        event("request_received", "2026-03-01"),
        event("exception", reason="absence_from_area", start="2026-02-01", end="2026-02-28"),
        as_of="2026-03-10",
    )
    assert milestone(later, "assessment_decision").excepted is False


def test_an_exception_that_begins_after_the_limit_has_passed_does_not_excuse_it() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),  # decision due 16 February 2026
        event("exception", reason="exceptional_personal_circumstances", start="2026-03-01", end="2026-03-31"),
        as_of="2026-04-01",
    )
    decision = milestone(result, "assessment_decision")
    assert (decision.status, decision.excepted) == ("overdue", False)


def test_a_missed_appointment_excuses_only_advice_rules() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("advice_requested", "2026-02-11", from_="health"),
        event("exception", reason="missed_appointment", start="2026-03-02", end="2026-03-02"),
        as_of="2026-04-01",
    )
    assert citations(result, "advice:health") == [f"{REGS}, reg. 8(2)(c)"]
    for rule in ("assessment_decision", "plan_decision_refusal", "final_plan"):
        assert milestone(result, rule).excepted is False


def test_a_missed_appointment_named_for_one_adviser_leaves_the_others() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("advice_requested", "2026-02-11", from_="health"),
        event("advice_requested", "2026-02-11", from_="educational_psychology"),
        event(
            "exception",
            reason="missed_appointment",
            start="2026-03-02",
            end="2026-03-02",
            applies_to=["advice:health"],
        ),
        as_of="2026-04-01",
    )
    assert milestone(result, "advice:health").excepted is True
    assert milestone(result, "advice:educational_psychology").excepted is False


def test_a_missed_appointment_cannot_be_applied_to_the_final_plan() -> None:
    bad = case(
        event("request_received", "2026-01-05"),
        event(
            "exception",
            reason="missed_appointment",
            start="2026-03-02",
            end="2026-03-02",
            applies_to=["final_plan"],
        ),
    )
    with pytest.raises(CaseFileError) as caught:
        parse_case(bad)
    assert caught.value.field == "applies_to"


def test_coronavirus_2020_can_excuse_an_annual_review_citing_the_review_regulation() -> None:
    result = timeline(
        event("final_plan_issued", "2019-06-01"),  # review due 31 May 2020
        event("exception", reason="coronavirus_2020", start="2020-05-01", end="2020-09-25"),
        event("review_meeting", "2020-07-01"),
        as_of="2020-10-01",
    )
    review = milestone(result, "annual_review", start="2019-06-01")
    assert (review.status, review.excepted) == ("late", True)
    assert review.exceptions[0]["citation"].endswith("SI 2020/471, reg. 18A")


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [("2020-04-30", "2020-06-01", "start"), ("2020-06-01", "2020-09-26", "end")],
)
def test_coronavirus_2020_outside_1_may_to_25_september_2020_is_refused(
    start: str, end: str, field: str
) -> None:
    bad = case(event("exception", reason="coronavirus_2020", start=start, end=end))
    with pytest.raises(CaseFileError) as caught:
        parse_case(bad)
    assert caught.value.field == field


def test_applies_to_limits_an_exception_to_the_rules_it_names() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event(
            "exception",
            reason="exceptional_personal_circumstances",
            start="2026-01-10",
            end="2026-01-15",
            applies_to=["final_plan"],
        ),
        as_of="2026-02-01",
    )
    assert milestone(result, "final_plan").excepted is True
    assert milestone(result, "assessment_decision").excepted is False
