"""The inspection clock: working days skip weekends and England's bank holidays."""

from datetime import date

from sendtrack.inspection.clock import CLOCK, add_working_days, is_working_day, lay_out


def test_easter_monday_and_good_friday_are_not_working_days():
    assert not is_working_day(date(2026, 4, 3))  # Good Friday
    assert not is_working_day(date(2026, 4, 6))  # Easter Monday
    assert is_working_day(date(2026, 4, 7))


def test_one_working_day_after_the_thursday_before_easter_is_the_tuesday_after():
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_the_late_may_bank_holiday_moves_a_deadline_to_the_tuesday():
    assert not is_working_day(date(2026, 5, 25))
    assert add_working_days(date(2026, 5, 18), 5) == date(2026, 5, 26)


def test_a_weekend_is_skipped_without_a_holiday():
    assert add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 12)  # Friday to Monday


def test_the_three_weeks_laid_out_from_a_monday_call_before_the_late_may_holiday():
    tasks = {t.rule.key: t for t in lay_out(notified_on=date(2026, 5, 18))}
    assert tasks["set_up_discussion"].due_on == date(2026, 5, 20)
    assert tasks["information_request"].due_on == date(2026, 5, 22)
    assert tasks["surveys_close"].due_on == date(2026, 5, 26)
    assert tasks["fieldwork"].starts_on == date(2026, 6, 2)
    assert tasks["fieldwork"].due_on == date(2026, 6, 8)
    assert tasks["tracking_documents"].due_on is None


def test_tracking_documents_are_due_two_working_days_after_the_children_are_named():
    tasks = {
        t.rule.key: t for t in lay_out(notified_on=date(2026, 3, 23), children_named_on=date(2026, 4, 2))
    }
    assert tasks["tracking_documents"].due_on == date(2026, 4, 8)


def test_a_task_done_after_its_due_date_is_late_and_an_open_one_past_it_too():
    done = {"set_up_discussion": date(2026, 5, 21), "surveys_sent": date(2026, 5, 19)}
    tasks = {t.rule.key: t for t in lay_out(notified_on=date(2026, 5, 18), done=done)}
    today = date(2026, 5, 23)
    assert tasks["set_up_discussion"].status(today) == "late"
    assert tasks["surveys_sent"].status(today) == "done"
    assert tasks["information_request"].status(today) == "late"
    assert tasks["surveys_close"].status(today) == "to_do"
    assert tasks["tracking_documents"].status(today) == "waiting"


def test_every_offset_in_the_table_carries_its_evidence_mark():
    assert {rule.evidence for rule in CLOCK} <= {"[S]", "[U]"}
    assert len({rule.key for rule in CLOCK}) == len(CLOCK)
