"""Integrity flags: each one raised by its situation, and not by the situation done properly."""

from __future__ import annotations

from tests.statutory.cases import SPEC_EXAMPLE, d, event, timeline


def codes(result: object) -> list[str]:
    return [f.code for f in result.flags]  # type: ignore[attr-defined]


ASSESSED = (
    event("request_received", "2026-01-05"),
    event("assessment_decision", "2026-02-10", outcome="assess"),
)


def test_a_final_plan_issued_before_requested_advice_arrived_is_flagged() -> None:
    result = timeline(
        *ASSESSED,
        event("advice_requested", "2026-02-11", from_="health"),
        event("advice_requested", "2026-02-11", from_="social_care"),
        event("advice_received", "2026-03-20", from_="social_care"),
        event("draft_plan_issued", "2026-04-20"),
        event("final_plan_issued", "2026-05-20"),
        event("advice_received", "2026-05-22", from_="health"),
        as_of="2026-06-01",
    )
    [flag] = [f for f in result.flags if f.code == "final_before_advice"]
    assert flag.date == d("2026-05-20")
    assert flag.explanation == (
        "The final plan was issued on 20 May 2026 before advice had arrived from health "
        "(asked for on 11 February 2026)."
    )


def test_a_final_plan_after_all_advice_is_not_flagged() -> None:
    result = timeline(*SPEC_EXAMPLE, as_of="2026-06-01")
    assert "final_before_advice" not in codes(result)


def test_a_final_plan_less_than_15_days_after_the_draft_is_flagged() -> None:
    result = timeline(
        *ASSESSED,
        event("draft_plan_issued", "2026-04-20"),
        event("final_plan_issued", "2026-05-04"),  # 14 days
        as_of="2026-06-01",
    )
    [flag] = [f for f in result.flags if f.code == "short_draft_period"]
    assert flag.date == d("2026-05-04")
    assert "14 days after the draft of 20 April 2026" in flag.explanation


def test_a_final_plan_15_days_after_the_draft_is_not_flagged() -> None:
    result = timeline(
        *ASSESSED,
        event("draft_plan_issued", "2026-04-20"),
        event("final_plan_issued", "2026-05-05"),
        as_of="2026-06-01",
    )
    assert "short_draft_period" not in codes(result)


def test_a_review_meeting_without_a_decision_after_4_weeks_is_flagged() -> None:
    plan = (event("final_plan_issued", "2024-03-15"), event("review_meeting", "2025-03-10"))
    assert "review_without_decision" not in codes(timeline(*plan, as_of="2025-04-07"))
    result = timeline(*plan, as_of="2025-04-08")
    [flag] = [f for f in result.flags if f.code == "review_without_decision"]
    assert flag.date == d("2025-03-10")
    assert "due by the end of 7 April 2025" in flag.explanation
    decided = timeline(*plan, event("review_decision", "2025-04-20", outcome="maintain"), as_of="2025-05-01")
    assert "review_without_decision" not in codes(decided)


def test_a_decision_by_a_panel_missing_an_agency_is_flagged() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("assessment_decision", "2026-02-10", outcome="refuse", panel=["education", "health"]),
        as_of="2026-03-01",
    )
    [flag] = result.flags
    assert (flag.code, flag.date) == ("decision_without_panel", d("2026-02-10"))
    assert flag.explanation == (
        "The decision not to assess on 10 February 2026 was made without social care on the panel."
    )


def test_a_decision_by_a_full_panel_or_with_no_panel_recorded_is_not_flagged() -> None:
    full = timeline(
        event("request_received", "2026-01-05"),
        event(
            "assessment_decision",
            "2026-02-10",
            outcome="refuse",
            panel=["health", "social_care", "education"],
        ),
        as_of="2026-03-01",
    )
    unrecorded = timeline(
        event("request_received", "2026-01-05"),
        event("assessment_decision", "2026-02-10", outcome="refuse"),
        as_of="2026-03-01",
    )
    assert full.flags == [] and unrecorded.flags == []


def test_a_plan_decision_without_a_panel_quorum_is_flagged() -> None:
    result = timeline(
        *ASSESSED,
        event("plan_decision", "2026-04-01", outcome="issue", panel=["education"]),
        as_of="2026-05-01",
    )
    assert "decision_without_panel" in codes(result)


def test_an_assessment_with_advice_but_none_from_social_care_is_flagged() -> None:
    result = timeline(*SPEC_EXAMPLE, as_of="2026-06-01")
    [flag] = [f for f in result.flags if f.code == "no_social_care_advice"]
    assert flag.date == d("2026-02-10")
    with_social_care = timeline(
        *ASSESSED,
        event("advice_requested", "2026-02-11", from_="health"),
        event("advice_requested", "2026-02-11", from_="social_care"),
        as_of="2026-03-01",
    )
    assert "no_social_care_advice" not in codes(with_social_care)


def test_mediation_before_the_final_plan_is_flagged() -> None:
    result = timeline(
        event("request_received", "2026-01-05"),
        event("assessment_decision", "2026-02-10", outcome="refuse"),
        event("mediation", "2026-03-10", about="assessment_refusal"),
        as_of="2026-04-01",
    )
    [flag] = result.flags
    assert (flag.code, flag.date) == ("mediation_or_appeal", d("2026-03-10"))
    assert flag.explanation == (
        "Mediation started on 10 March 2026, before the final plan of the request of 5 January 2026; "
        "the request still counts in every time-limit measure, as the DfE counts it."
    )


def test_a_dispute_before_the_final_plan_is_only_a_flag_and_changes_no_milestone() -> None:
    # The plan of the request of 5 January 2026 was issued on 29 June 2026, 5 weeks late, after an
    # appeal registered on 1 June: the final plan milestone is late and counts like any other.
    journey = (
        event("request_received", "2026-01-05"),
        event("assessment_decision", "2026-02-10", outcome="assess"),
        event("draft_plan_issued", "2026-05-26"),
    )
    final = event("final_plan_issued", "2026-06-29")
    appealed = timeline(
        *journey, event("tribunal_appeal", "2026-06-01", about="plan_content"), final, as_of="2026-07-01"
    )
    undisputed = timeline(*journey, final, as_of="2026-07-01")
    assert appealed.milestones == undisputed.milestones
    [plan] = [m for m in appealed.milestones if m.rule == "final_plan"]
    assert (plan.status, plan.days_late, plan.excepted) == ("late", 35, False)
    assert codes(appealed) == ["mediation_or_appeal"]
    assert codes(undisputed) == []
