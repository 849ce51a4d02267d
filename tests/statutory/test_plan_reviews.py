"""Worked examples for the plan-level rules: annual review, review decision, amendments, phase transfer."""

from __future__ import annotations

from tests.statutory.cases import d, event, milestone, rules, timeline


def test_an_annual_review_is_due_the_day_before_the_anniversary() -> None:
    result = timeline(event("final_plan_issued", "2024-03-15"), as_of="2024-06-01")
    review = milestone(result, "annual_review")
    assert (review.start, review.due, review.status) == (d("2024-03-15"), d("2025-03-14"), "pending")
    assert review.citation == "Children and Families Act 2014, s.44(1)"
    assert review.journey is None
    assert review.explanation == (
        "Due by the end of 14 March 2025: the last day of the 12 months starting with the final plan "
        "issued on 15 March 2024 (read as the day before the same date a year later); not done yet."
    )


def test_an_annual_review_from_29_february_is_due_on_28_february() -> None:
    result = timeline(event("final_plan_issued", "2024-02-29"), as_of="2024-06-01")
    assert milestone(result, "annual_review").due == d("2025-02-28")


def test_an_annual_review_from_1_march_2023_is_due_on_29_february_2024() -> None:
    result = timeline(event("final_plan_issued", "2023-03-01"), as_of="2023-06-01")
    assert milestone(result, "annual_review").due == d("2024-02-29")


def test_each_review_meeting_completes_one_annual_review_and_starts_the_next() -> None:
    result = timeline(
        event("final_plan_issued", "2024-03-15"),
        event("review_meeting", "2025-03-20"),
        as_of="2025-04-01",
    )
    first = milestone(result, "annual_review", start="2024-03-15")
    assert (first.completed, first.status, first.days_late) == (d("2025-03-20"), "late", 6)
    second = milestone(result, "annual_review", start="2025-03-20")
    assert (second.due, second.status) == (d("2026-03-19"), "pending")


def test_the_review_decision_is_due_4_weeks_after_the_meeting() -> None:
    result = timeline(
        event("final_plan_issued", "2024-03-15"),
        event("review_meeting", "2025-03-10"),
        event("review_decision", "2025-04-07", outcome="maintain"),
        as_of="2025-05-01",
    )
    decision = milestone(result, "review_decision")
    assert (decision.start, decision.due, decision.status) == (d("2025-03-10"), d("2025-04-07"), "met")
    assert decision.citation.startswith("SEND Regulations 2014, reg. 20(10)")
    assert "amendment_notice" not in rules(result)


def test_an_amend_decision_needs_the_amendment_notice_within_4_weeks_of_the_meeting() -> None:
    # Devon: the proposed amendments come with the decision, 4 weeks from the meeting.
    result = timeline(
        event("final_plan_issued", "2024-03-15"),
        event("review_meeting", "2025-03-10"),
        event("review_decision", "2025-03-31", outcome="amend"),
        event("amendment_notice", "2025-04-14"),
        as_of="2025-05-01",
    )
    notice = milestone(result, "amendment_notice")
    assert (notice.start, notice.due, notice.completed) == (d("2025-03-10"), d("2025-04-07"), d("2025-04-14"))
    assert (notice.status, notice.days_late) == ("late", 7)
    assert "Devon" in notice.citation
    assert "Devon" in notice.explanation


def test_the_amended_plan_is_due_8_weeks_after_the_amendment_notice() -> None:
    result = timeline(
        event("final_plan_issued", "2024-03-15"),
        event("review_meeting", "2025-03-10"),
        event("review_decision", "2025-03-31", outcome="amend"),
        event("amendment_notice", "2025-04-14"),
        event("amended_plan_issued", "2025-06-09"),
        as_of="2025-07-01",
    )
    amended = milestone(result, "amended_plan")
    assert (amended.start, amended.due, amended.completed, amended.status) == (
        d("2025-04-14"),
        d("2025-06-09"),
        d("2025-06-09"),
        "met",
    )
    assert amended.citation == "SEND Regulations 2014, reg. 22(3), 22(4)"


def test_withdrawing_the_amendments_also_completes_the_amended_plan_limit() -> None:
    result = timeline(
        event("final_plan_issued", "2024-03-15"),
        event("amendment_notice", "2025-04-14"),
        event("amendment_withdrawn", "2025-06-20", reason="no change needed after consultation"),
        as_of="2025-07-01",
    )
    amended = milestone(result, "amended_plan")
    assert (amended.completed, amended.status, amended.days_late) == (d("2025-06-20"), "late", 11)


def test_a_ceased_plan_stops_the_annual_review_and_the_review_rules() -> None:
    result = timeline(
        event("final_plan_issued", "2024-03-15"),
        event("review_meeting", "2025-03-10"),
        event("plan_ceased", "2025-03-20", reason="moved away"),
        event("review_meeting", "2026-03-10"),  # after cessation: no plan to review
        as_of="2026-06-01",
    )
    assert milestone(result, "annual_review", start="2024-03-15").status == "met"
    after = milestone(result, "annual_review", start="2025-03-10")
    assert after.status == "not_applicable"
    assert "the plan ceased on 20 March 2025" in after.explanation
    assert milestone(result, "review_decision").status == "not_applicable"
    assert [m.start for m in result.milestones if m.rule == "annual_review"] == [
        d("2024-03-15"),
        d("2025-03-10"),
    ]


def test_a_school_phase_transfer_review_is_due_on_14_february_of_the_transfer_year() -> None:
    result = timeline(
        event("final_plan_issued", "2024-03-15"),
        event("phase_transfer", "2027-09-01", kind="school"),
        event("amended_plan_issued", "2026-06-01"),  # before the 12 months: does not count
        event("review_meeting", "2026-11-02"),
        event("review_decision", "2026-11-20", outcome="maintain"),
        as_of="2027-01-10",
    )
    transfer = milestone(result, "phase_transfer_review")
    assert (transfer.start, transfer.due, transfer.completed, transfer.status) == (
        d("2026-09-01"),
        d("2027-02-14"),
        d("2026-11-20"),
        "met",
    )
    assert transfer.citation == "SEND Regulations 2014, reg. 18(1)(b)"
    assert "the last day before 15 February in the calendar year of the transfer on 1 September 2027" in (
        transfer.explanation
    )


def test_a_post16_transfer_review_is_due_on_30_march() -> None:
    result = timeline(
        event("final_plan_issued", "2024-03-15"),
        event("phase_transfer", "2027-09-01", kind="post16"),
        as_of="2027-04-01",
    )
    transfer = milestone(result, "phase_transfer_review")
    assert (transfer.due, transfer.status, transfer.days_late) == (d("2027-03-30"), "overdue", 2)
    assert transfer.citation == "SEND Regulations 2014, reg. 18(1)(a)"


def test_a_post16_to_post16_transfer_review_is_due_5_months_before() -> None:
    result = timeline(
        event("final_plan_issued", "2024-03-15"),
        event("phase_transfer", "2027-09-01", kind="post16_to_post16"),
        event("phase_transfer", "2028-07-31", kind="post16_to_post16"),
        as_of="2026-01-01",
    )
    assert milestone(result, "phase_transfer_review", start="2026-09-01").due == d("2027-04-01")
    # 31 July less 5 months: February has no 31st, so the last day of February.
    later = milestone(result, "phase_transfer_review", start="2027-07-31")
    assert later.due == d("2028-02-29")
    assert later.citation == "SEND Regulations 2014, reg. 18(2)"


def test_a_transfer_early_in_the_year_is_still_due_on_14_february_read_literally() -> None:
    result = timeline(
        event("final_plan_issued", "2024-03-15"),
        event("phase_transfer", "2027-01-10", kind="school"),
        as_of="2026-06-01",
    )
    assert milestone(result, "phase_transfer_review").due == d("2027-02-14")


def test_a_phase_transfer_without_a_plan_has_no_review() -> None:
    result = timeline(event("phase_transfer", "2027-09-01", kind="school"), as_of="2026-06-01")
    assert "phase_transfer_review" not in rules(result)


def test_a_ceased_plan_makes_its_phase_transfer_review_not_applicable() -> None:
    result = timeline(
        event("final_plan_issued", "2024-03-15"),
        event("phase_transfer", "2027-09-01", kind="school"),
        event("plan_ceased", "2026-10-01"),
        as_of="2027-03-01",
    )
    assert milestone(result, "phase_transfer_review").status == "not_applicable"
