"""Worked examples for the rules of a request's journey: from request to final plan."""

from __future__ import annotations

from tests.statutory.cases import SPEC_EXAMPLE, d, event, milestone, rules, timeline


def test_the_spec_example_gives_the_spec_milestone_for_the_decision_to_assess() -> None:
    result = timeline(*SPEC_EXAMPLE, as_of="2026-06-01")
    decision = milestone(result, "assessment_decision")
    assert decision.citation == "SEND Regulations 2014, reg. 5(1)"
    assert (decision.start, decision.due, decision.completed) == (
        d("2026-01-05"),
        d("2026-02-16"),
        d("2026-02-10"),
    )
    assert (decision.status, decision.days_late, decision.excepted) == ("met", 0, False)
    assert decision.explanation == (
        "Due by the end of 16 February 2026: 6 weeks from the request received on 5 January 2026; "
        "done on 10 February 2026, in time."
    )
    assert (decision.basis, decision.rule_set, decision.journey) == (
        "statute",
        "send-regs-2014",
        "2026-01-05",
    )
    assert decision.waiting_on == "local authority"


def test_milestones_are_in_order_of_start_then_of_the_rule_table() -> None:
    result = timeline(*SPEC_EXAMPLE, as_of="2026-06-01")
    assert rules(result) == [
        "assessment_decision",  # 5 January 2026
        "plan_decision_refusal",  # 5 January 2026
        "final_plan",  # 5 January 2026
        "advice:health",  # 11 February 2026
        "annual_review",  # 29 May 2026
    ]


def test_a_request_on_a_sunday_is_due_on_a_sunday_with_no_working_day_adjustment() -> None:
    # 4 January 2026 is a Sunday; 6 weeks later is Sunday 15 February 2026.
    result = timeline(
        event("request_received", "2026-01-04"),
        event("assessment_decision", "2026-02-16", outcome="assess"),
        as_of="2026-03-01",
    )
    decision = milestone(result, "assessment_decision")
    assert decision.due == d("2026-02-15")
    assert (decision.status, decision.days_late) == ("late", 1)
    assert decision.explanation.endswith("done on 16 February 2026, 1 day late.")


def test_an_undecided_request_is_overdue_counting_to_as_of() -> None:
    result = timeline(event("request_received", "2026-01-05"), as_of="2026-02-20")
    decision = milestone(result, "assessment_decision")
    assert (decision.status, decision.days_late, decision.completed) == ("overdue", 4, None)
    assert "not done yet, 4 days late as of 20 February 2026" in decision.explanation


def test_an_undecided_request_is_pending_up_to_and_on_its_due_date() -> None:
    result = timeline(event("request_received", "2026-01-05"), as_of="2026-02-16")
    assert milestone(result, "assessment_decision").status == "pending"


def test_advice_from_health_is_due_6_weeks_after_the_request_under_regulation_8() -> None:
    result = timeline(*SPEC_EXAMPLE, as_of="2026-06-01")
    advice = milestone(result, "advice:health")
    assert (advice.start, advice.due, advice.completed) == (d("2026-02-11"), d("2026-03-25"), d("2026-03-30"))
    assert (advice.status, advice.days_late) == ("late", 5)
    assert advice.rule_name == "advice"
    assert advice.citation.startswith("SEND Regulations 2014, reg. 8(1)")
    assert advice.basis == "statute"
    assert advice.waiting_on == "health"


def test_advice_from_a_school_is_guidance_not_statute() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("assessment_decision", "2026-02-10", outcome="assess"),
        event("advice_requested", "2026-02-11", from_="education"),
        as_of="2026-03-01",
    )
    advice = milestone(result, "advice:education")
    assert advice.basis == "guidance"
    assert "Code of Practice" in advice.citation
    assert advice.waiting_on == "education"


def test_advice_runs_from_the_date_the_adviser_received_the_request_when_known() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("advice_requested", "2026-02-11", from_="health", received="2026-02-13"),
        event("advice_received", "2026-03-27", from_="health"),
        as_of="2026-04-01",
    )
    advice = milestone(result, "advice:health")
    assert (advice.start, advice.due, advice.status) == (d("2026-02-13"), d("2026-03-27"), "met")
    assert "the day health received the request for advice, 13 February 2026" in advice.explanation


def test_two_advice_requests_to_the_same_agency_are_answered_in_turn() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("advice_requested", "2026-02-11", from_="health"),
        event("advice_requested", "2026-03-02", from_="health"),
        event("advice_received", "2026-03-20", from_="health"),
        as_of="2026-04-20",
    )
    first = milestone(result, "advice:health", start="2026-02-11")
    second = milestone(result, "advice:health", start="2026-03-02")
    assert (first.due, first.completed, first.status) == (d("2026-03-25"), d("2026-03-20"), "met")
    assert (second.due, second.completed, second.status, second.days_late) == (
        d("2026-04-13"),
        None,
        "overdue",
        7,
    )


def test_a_refused_assessment_closes_the_refusal_and_final_plan_limits() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("assessment_decision", "2026-02-10", outcome="refuse"),
        as_of="2026-09-01",
    )
    assert milestone(result, "assessment_decision").status == "met"
    for rule in ("plan_decision_refusal", "final_plan"):
        closed = milestone(result, rule)
        assert (closed.status, closed.completed, closed.days_late) == ("not_applicable", None, 0)
        assert "decided not to assess on 10 February 2026" in closed.explanation


def test_a_withdrawn_request_closes_its_open_rules() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("assessment_decision", "2026-01-30", outcome="assess"),
        event("advice_requested", "2026-02-02", from_="health"),
        event("request_withdrawn", "2026-02-20"),
        event("advice_received", "2026-03-01", from_="health"),
        as_of="2026-09-01",
    )
    assert milestone(result, "assessment_decision").status == "met"  # done before the withdrawal
    for rule in ("advice:health", "plan_decision_refusal", "final_plan"):
        closed = milestone(result, rule)
        assert closed.status == "not_applicable"
        assert "the request was withdrawn on 20 February 2026" in closed.explanation


def test_refusal_to_issue_is_due_16_weeks_after_the_request_and_closes_the_final_plan() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("assessment_decision", "2026-02-10", outcome="assess"),
        event("plan_decision", "2026-04-28", outcome="refuse"),
        as_of="2026-09-01",
    )
    refusal = milestone(result, "plan_decision_refusal")
    assert (refusal.due, refusal.completed, refusal.status, refusal.days_late) == (
        d("2026-04-27"),
        d("2026-04-28"),
        "late",
        1,
    )
    assert refusal.citation == "SEND Regulations 2014, reg. 10(1)"
    assert milestone(result, "final_plan").status == "not_applicable"


def test_refusal_to_issue_overdue_is_explained_as_a_risk_not_a_breach() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("assessment_decision", "2026-02-10", outcome="assess"),
        as_of="2026-05-04",
    )
    refusal = milestone(result, "plan_decision_refusal")
    assert (refusal.status, refusal.days_late) == ("overdue", 7)
    assert refusal.explanation == (
        "Due by the end of 27 April 2026: 16 weeks from the request received on 5 January 2026; "
        "not done yet, 7 days late as of 4 May 2026, which is a risk rather than a breach: "
        "reg. 10(1) is breached only if the decision is then a refusal."
    )


def test_a_decision_to_issue_makes_the_refusal_limit_not_applicable() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("plan_decision", "2026-04-01", outcome="issue"),
        as_of="2026-05-04",
    )
    assert milestone(result, "plan_decision_refusal").status == "not_applicable"
    assert milestone(result, "final_plan").status == "pending"


def test_the_final_plan_is_due_20_weeks_after_the_request() -> None:
    result = timeline(*SPEC_EXAMPLE, as_of="2026-06-01")
    final = milestone(result, "final_plan")
    assert (final.due, final.completed, final.status, final.days_late) == (
        d("2026-05-25"),
        d("2026-05-29"),
        "late",
        4,
    )
    assert final.citation == "SEND Regulations 2014, reg. 13(2)"
    assert final.explanation == (
        "Due by the end of 25 May 2026: 20 weeks from the request received on 5 January 2026; "
        "done on 29 May 2026, 4 days late."
    )


def test_a_setting_has_15_days_to_respond_to_a_consultation() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("setting_consulted", "2026-04-21", setting="100234"),
        event("setting_consulted", "2026-04-21", setting="100235"),
        event("setting_responded", "2026-05-06", setting="100234"),
        as_of="2026-05-10",
    )
    answered = milestone(result, "setting_response:100234")
    assert (answered.due, answered.status, answered.basis) == (d("2026-05-06"), "met", "guidance")
    assert answered.waiting_on == "100234"
    assert "9.83" in answered.citation
    silent = milestone(result, "setting_response:100235")
    assert (silent.status, silent.days_late) == ("overdue", 4)


def test_each_request_opens_its_own_journey() -> None:
    result = timeline(
        event("request_received", "2025-01-06"),
        event("assessment_decision", "2025-02-03", outcome="refuse"),
        event("request_received", "2025-09-01"),
        event("assessment_decision", "2025-10-20", outcome="assess"),
        as_of="2025-11-01",
    )
    first = milestone(result, "assessment_decision", start="2025-01-06")
    second = milestone(result, "assessment_decision", start="2025-09-01")
    assert (first.journey, first.completed, first.status) == ("2025-01-06", d("2025-02-03"), "met")
    assert (second.journey, second.completed, second.status) == ("2025-09-01", d("2025-10-20"), "late")
    assert milestone(result, "final_plan", start="2025-01-06").status == "not_applicable"
    assert milestone(result, "final_plan", start="2025-09-01").status == "pending"


def test_events_dated_after_as_of_are_not_yet_known() -> None:
    result = timeline(*SPEC_EXAMPLE, as_of="2026-03-01")
    assert milestone(result, "advice:health").status == "pending"
    assert milestone(result, "final_plan").status == "pending"
    assert "annual_review" not in rules(result)
