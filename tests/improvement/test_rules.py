"""The spreadsheet contract's rules, without Django: column names, status words, dates, the summary."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendtrack.improvement import rules
from tests.improvement import lancashire


def test_the_lancashire_counts_give_the_articles_sentence():
    states = [
        rules.ActionState(
            status=str(rules.status_from_word(spec["status"])), start_date=spec["start"], due_date=spec["due"]
        )
        for spec in lancashire.plan_specs()
    ]
    summary = rules.summarise(states, lancashire.AS_OF)
    assert summary.as_json() == lancashire.SUMMARY_JSON
    assert summary.sentence == lancashire.SENTENCE


def test_percentages_round_half_up():
    assert rules.percent(1, 8) == 13  # 12.5
    assert rules.percent(1, 200) == 1  # 0.5
    assert rules.percent(31, 94) == 33
    assert rules.percent(0, 0) == 0


def test_an_action_due_or_starting_on_the_as_of_date_is_not_late():
    as_of = dt.date(2019, 5, 16)
    summary = rules.summarise([rules.ActionState("not_started", as_of, as_of)], as_of)
    assert (summary.not_started_past_start, summary.past_due) == (0, 0)


def test_a_complete_action_is_never_past_its_due_date():
    summary = rules.summarise(
        [rules.ActionState("complete", None, dt.date(2019, 1, 1))], dt.date(2019, 5, 16)
    )
    assert summary.past_due == 0


def test_the_sentence_speaks_of_one_action_in_the_singular():
    summary = rules.summarise([rules.ActionState("at_risk", None, dt.date(2019, 1, 1))], dt.date(2019, 5, 16))
    assert summary.sentence == (
        "1 action. Work has not started on 0 (0%), 0 of them past their planned start date. "
        "Of the 1 started, 0 are complete or in their final stages, 0 are ongoing and 1 is at risk. "
        "1 action is past its due date."
    )


@pytest.mark.parametrize(
    "word, state",
    [
        ("Not yet started", "not_started"),
        ("  ON TRACK ", "in_progress"),
        ("Underway", "in_progress"),
        ("almost complete", "final_stages"),
        ("Closed", "complete"),
        ("Off  track", "at_risk"),
        ("", ""),
    ],
)
def test_status_words_map_to_the_five_states(word, state):
    assert rules.status_from_word(word) == state


def test_an_unknown_status_word_is_not_guessed():
    assert rules.status_from_word("Paused") is None


@pytest.mark.parametrize(
    "column, field",
    [
        ("Action ref", "ref"),
        ("REF.", "ref"),
        ("Lead officer (name)", "lead"),
        ("By when?", "due_date"),
        ("Area for priority action", "finding"),
        ("RAG  rating", "rag"),
        ("What we will do", "action"),
        ("Evidence of impact", "evidence"),
        ("Provisional start date", "start_date"),
    ],
)
def test_column_names_match_ignoring_case_spaces_punctuation_and_brackets(column, field):
    assert rules.field_for_column(column) == field


def test_an_unlisted_column_is_an_extra():
    assert rules.field_for_column("Funding source") is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2019-04-01", dt.date(2019, 4, 1)),
        ("01/04/2019", dt.date(2019, 4, 1)),
        ("1/4/2019", dt.date(2019, 4, 1)),
        (dt.datetime(2019, 4, 1, 0, 0), dt.date(2019, 4, 1)),
        (dt.date(2020, 2, 29), dt.date(2020, 2, 29)),
    ],
)
def test_dates_are_read_in_the_accepted_forms(value, expected):
    assert rules.parse_date(value) == rules.ParsedDate(expected)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("March 2020", dt.date(2020, 3, 31)),
        ("Feb-20", dt.date(2020, 2, 29)),
        ("Sep 2019", dt.date(2019, 9, 30)),
    ],
)
def test_a_month_and_year_is_the_last_day_of_the_month_with_a_warning(value, expected):
    parsed = rules.parse_date(value)
    assert parsed.value == expected
    assert "is a month, not a date" in parsed.warning


@pytest.mark.parametrize("value", ["31/02/2019", "next spring", "2019-13-01", "04/01/19"])
def test_unreadable_dates_are_refused(value):
    with pytest.raises(rules.UnreadableDate):
        rules.parse_date(value)


@given(
    st.lists(st.tuples(st.sampled_from(rules.STATUSES), st.none() | st.dates(), st.none() | st.dates())),
    st.dates(),
)
def test_the_counts_always_add_up(actions, as_of):
    summary = rules.summarise([rules.ActionState(*a) for a in actions], as_of)
    assert summary.not_started + summary.started == summary.total
    assert summary.complete_or_final + summary.in_progress + summary.at_risk == summary.started
    assert summary.not_started_past_start <= summary.not_started
