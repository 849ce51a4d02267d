"""The date arithmetic of docs/spec/case-events.md §2, worked through by hand."""

from __future__ import annotations

import pytest

from sendtrack.statutory import format_date
from sendtrack.statutory.dates import (
    BeforeDayOfYear,
    MonthsBefore,
    TwelveMonthsStartingWith,
    last_day_of_twelve_months_starting_with,
    months_before,
    parse_iso_date,
    weeks,
)
from tests.statutory.cases import d


def test_dates_are_written_in_words_without_a_leading_zero() -> None:
    assert format_date(d("2026-01-05")) == "5 January 2026"
    assert format_date(d("2026-12-25")) == "25 December 2026"


def test_n_weeks_is_7_n_calendar_days() -> None:
    assert weeks(20).due(d("2026-01-05")) == d("2026-05-25")


@pytest.mark.parametrize(
    ("start", "due"),
    [
        ("2024-03-15", "2025-03-14"),
        ("2024-02-29", "2025-02-28"),
        ("2023-03-01", "2024-02-29"),
        ("2024-01-01", "2024-12-31"),
    ],
)
def test_the_last_day_of_the_12_months_starting_with_a_date(start: str, due: str) -> None:
    assert last_day_of_twelve_months_starting_with(d(start)) == d(due)
    assert TwelveMonthsStartingWith().due(d(start)) == d(due)


@pytest.mark.parametrize(
    ("anchor", "months", "expected"),
    [
        ("2027-09-01", 5, "2027-04-01"),
        ("2027-07-31", 5, "2027-02-28"),
        ("2028-07-31", 5, "2028-02-29"),
        ("2027-03-31", 1, "2027-02-28"),
        ("2028-03-31", 1, "2028-02-29"),
        ("2028-02-29", 12, "2027-02-28"),
        ("2027-05-30", 1, "2027-04-30"),
        ("2027-01-15", 12, "2026-01-15"),
        ("2027-02-10", 3, "2026-11-10"),
    ],
)
def test_n_months_before_falls_back_to_the_last_day_of_a_short_month(
    anchor: str, months: int, expected: str
) -> None:
    assert months_before(d(anchor), months) == d(expected)
    assert MonthsBefore(months).due(d(anchor)) == d(expected)


def test_before_15_february_means_on_or_before_14_february() -> None:
    assert BeforeDayOfYear(2, 15).due(d("2027-09-01")) == d("2027-02-14")
    assert BeforeDayOfYear(3, 31).due(d("2027-09-01")) == d("2027-03-30")


@pytest.mark.parametrize("text", ["2026-1-5", "2026-W01-1", "20260105", "2026-02-30", "", "2026-01-05T00:00"])
def test_only_strict_calendar_dates_are_accepted(text: str) -> None:
    assert parse_iso_date(text) is None
