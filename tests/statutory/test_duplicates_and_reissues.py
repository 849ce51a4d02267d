"""Worked examples for docs/spec/case-events.md §4: the same fact sent twice, and a final plan re-issued."""

from __future__ import annotations

from sendtrack.statutory import timeline_json
from tests.statutory.cases import SPEC_EXAMPLE, case, d, event, milestone, rules, timeline

# A request of 5 January 2026 whose plan was first made on 18 May 2026 (within 20 weeks:
# due 25 May 2026); its first annual review is due by 17 May 2027.
FIRST_PLAN = (
    event("request_received", "2026-01-05"),
    event("assessment_decision", "2026-02-10", outcome="assess"),
    event("draft_plan_issued", "2026-04-20"),
    event("final_plan_issued", "2026-05-18"),
)


def starts(result: object, rule: str) -> list[str]:
    return [m.start.isoformat() for m in result.milestones if m.rule == rule]  # type: ignore[attr-defined]


def test_a_case_file_sent_with_every_event_twice_gives_the_timeline_of_the_file_sent_once() -> None:
    once = timeline_json(case(*SPEC_EXAMPLE), d("2026-06-01"))
    twice = timeline_json(case(*SPEC_EXAMPLE, *SPEC_EXAMPLE), d("2026-06-01"))
    assert twice == once


def test_advice_received_sent_twice_answers_one_request_not_two() -> None:
    # Health was asked on 11 February and again on 2 March 2026; one reply arrived on 30 March,
    # recorded twice. The second request is still waiting (due 13 April 2026).
    result = timeline(
        *FIRST_PLAN[:2],
        event("advice_requested", "2026-02-11", from_="health"),
        event("advice_requested", "2026-03-02", from_="health"),
        event("advice_received", "2026-03-30", from_="health"),
        event("advice_received", "2026-03-30", from_="health"),
        as_of="2026-04-20",
    )
    first = milestone(result, "advice:health", start="2026-02-11")
    second = milestone(result, "advice:health", start="2026-03-02")
    assert (first.completed, first.status) == (d("2026-03-30"), "late")
    assert (second.completed, second.due, second.status, second.days_late) == (
        None,
        d("2026-04-13"),
        "overdue",
        7,
    )


def test_a_decision_sent_twice_raises_its_flag_once() -> None:
    decision = event("assessment_decision", "2026-02-10", outcome="assess", panel=["education", "health"])
    result = timeline(event("request_received", "2026-01-05"), decision, decision, as_of="2026-03-01")
    assert [f.code for f in result.flags] == ["decision_without_panel"]


def test_events_that_differ_in_one_field_are_two_events() -> None:
    # Two settings consulted on the same day are two consultations.
    result = timeline(
        *FIRST_PLAN[:3],
        event("setting_consulted", "2026-04-21", setting="100001"),
        event("setting_consulted", "2026-04-21", setting="100002"),
        as_of="2026-05-01",
    )
    assert starts(result, "setting_response:100001") == ["2026-04-21"]
    assert starts(result, "setting_response:100002") == ["2026-04-21"]


def test_a_reissued_final_plan_keeps_the_first_completion_and_the_first_annual_review_clock() -> None:
    # A corrected final plan re-sent on 15 June 2026, in the same request.
    result = timeline(*FIRST_PLAN, event("final_plan_issued", "2026-06-15"), as_of="2026-07-01")
    final = milestone(result, "final_plan")
    assert (final.due, final.completed, final.status) == (d("2026-05-25"), d("2026-05-18"), "met")
    review = milestone(result, "annual_review")
    assert (review.start, review.due, review.status) == (d("2026-05-18"), d("2027-05-17"), "pending")
    assert "the final plan issued on 18 May 2026" in review.explanation


def test_after_a_reissue_the_annual_review_clock_runs_from_each_review_meeting() -> None:
    # Plan made 18 May 2026; reviewed 10 May 2027; the final plan re-sent on 1 June 2027 in the
    # same request does not restart the 12 months, which run from the meeting: due 9 May 2028.
    result = timeline(
        *FIRST_PLAN,
        event("review_meeting", "2027-05-10"),
        event("review_decision", "2027-05-24", outcome="maintain"),
        event("final_plan_issued", "2027-06-01"),
        as_of="2027-07-01",
    )
    assert starts(result, "annual_review") == ["2026-05-18", "2027-05-10"]
    first = milestone(result, "annual_review", start="2026-05-18")
    assert (first.completed, first.status) == (d("2027-05-10"), "met")
    current = milestone(result, "annual_review", start="2027-05-10")
    assert (current.due, current.completed, current.status) == (d("2028-05-09"), None, "pending")


def test_a_final_plan_from_a_new_request_is_a_new_plan_with_its_own_annual_review_clock() -> None:
    # The plan of 18 May 2026 is maintained; a new request of 10 January 2028 leads to a plan
    # made on 22 May 2028, whose 12 months start with that day.
    result = timeline(
        *FIRST_PLAN,
        event("review_meeting", "2027-05-10"),
        event("request_received", "2028-01-10"),
        event("draft_plan_issued", "2028-04-24"),
        event("final_plan_issued", "2028-05-22"),
        as_of="2028-06-01",
    )
    replaced = milestone(result, "annual_review", start="2027-05-10")
    assert (replaced.status, replaced.completed) == ("not_applicable", None)
    assert "a new plan was issued on 22 May 2028" in replaced.explanation
    new = milestone(result, "annual_review", start="2028-05-22")
    assert (new.due, new.status) == (d("2029-05-21"), "pending")


def test_a_final_plan_after_the_plan_ceased_is_a_new_plan() -> None:
    result = timeline(
        *FIRST_PLAN,
        event("plan_ceased", "2026-09-01"),
        event("final_plan_issued", "2026-11-02"),
        as_of="2026-12-01",
    )
    assert milestone(result, "annual_review", start="2026-05-18").status == "not_applicable"
    assert milestone(result, "annual_review", start="2026-11-02").due == d("2027-11-01")


def test_a_review_meeting_recorded_twice_opens_one_review_decision() -> None:
    # The meeting of 10 May 2027 arrives from the school's system and from the council's, with
    # different notes; the decision of 24 May 2027 closes the one review decision it opened.
    result = timeline(
        *FIRST_PLAN,
        event("review_meeting", "2027-05-10", note="from the school"),
        event("review_meeting", "2027-05-10", note="from the SEND team"),
        event("review_decision", "2027-05-24", outcome="amend"),
        event("amendment_notice", "2027-05-31"),
        as_of="2027-06-15",
    )
    decision = milestone(result, "review_decision")
    assert (decision.start, decision.due, decision.completed, decision.status) == (
        d("2027-05-10"),
        d("2027-06-07"),
        d("2027-05-24"),
        "met",
    )
    assert starts(result, "annual_review") == ["2026-05-18", "2027-05-10"]
    notice = milestone(result, "amendment_notice")
    assert (notice.completed, notice.status) == (d("2027-05-31"), "met")
    assert [f.code for f in result.flags] == []


def test_a_review_meeting_on_the_day_the_plan_was_made_does_not_restart_the_clock() -> None:
    result = timeline(*FIRST_PLAN, event("review_meeting", "2026-05-18"), as_of="2026-07-01")
    review = milestone(result, "annual_review")
    assert (review.start, review.due, review.completed) == (d("2026-05-18"), d("2027-05-17"), None)
    assert starts(result, "review_decision") == ["2026-05-18"]


def test_a_request_received_twice_on_one_day_is_one_request() -> None:
    # The same request logged by the parent's and the school's route, with different sources.
    result = timeline(
        event("request_received", "2026-01-05", source="parent"),
        event("request_received", "2026-01-05", source="school"),
        as_of="2026-02-01",
    )
    assert rules(result) == ["assessment_decision", "plan_decision_refusal", "final_plan"]
    assert milestone(result, "final_plan").journey == "2026-01-05"


def test_advice_asked_of_one_adviser_twice_on_one_day_is_one_milestone() -> None:
    # Health asked on 11 February 2026 through two named contacts: one 6-week limit, due 25 March.
    result = timeline(
        *FIRST_PLAN[:2],
        event("advice_requested", "2026-02-11", from_="health", to="Community paediatrics"),
        event("advice_requested", "2026-02-11", from_="health", to="Speech and language therapy"),
        event("advice_received", "2026-03-20", from_="health"),
        as_of="2026-04-01",
    )
    advice = milestone(result, "advice:health")
    assert (advice.due, advice.completed, advice.status) == (d("2026-03-25"), d("2026-03-20"), "met")


def test_an_amendment_notice_sent_twice_on_one_day_opens_one_amended_plan_limit() -> None:
    result = timeline(
        *FIRST_PLAN,
        event("review_meeting", "2027-05-10"),
        event("review_decision", "2027-05-24", outcome="amend"),
        event("amendment_notice", "2027-05-31", note="by post"),
        event("amendment_notice", "2027-05-31", note="by email"),
        as_of="2027-06-15",
    )
    amended = milestone(result, "amended_plan")
    assert (amended.start, amended.due) == (d("2027-05-31"), d("2027-07-26"))
