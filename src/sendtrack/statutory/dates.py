"""Calendar arithmetic for statutory time limits, as docs/spec/case-events.md §2 defines it.

Every period a rule can have is a small frozen record here; `rules.py` says which rule has which.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import ClassVar

MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

ONE_DAY = timedelta(days=1)

# Dates already written in words; `format_date` fills it, hot loops may read it directly.
DATE_WORDS: dict[date, str] = {}


def format_date(d: date) -> str:
    """Write a date as a parent reads it: "5 January 2026" (no leading zero)."""
    text = DATE_WORDS.get(d)
    if text is None:
        text = f"{d.day} {MONTH_NAMES[d.month]} {d.year}"
        if len(DATE_WORDS) < 100_000:  # bounded: a cache, not a leak
            DATE_WORDS[d] = text
    return text


def parse_iso_date(value: object) -> date | None:
    """Return the date for a strict ``YYYY-MM-DD`` string, or None if it is not one."""
    if type(value) is not str or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def months_before(d: date, months: int) -> date:
    """The same day of the month ``months`` earlier, or the last day of that month if it has no such day."""
    index = d.year * 12 + (d.month - 1) - months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last))


def last_day_of_twelve_months_starting_with(d: date) -> date:
    """The last day of the 12 months starting with ``d``: the day before the same date a year later.

    A start of 29 February has no same date a year later; the 12 months then end on 28 February.
    """
    try:
        anniversary = d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        anniversary = date(d.year + 1, 3, 1)
    return anniversary - ONE_DAY


@dataclass(frozen=True, slots=True)
class _Counted:
    """Due a fixed count of `UNIT` (a `timedelta` keyword) after the start."""

    UNIT: ClassVar[str] = ""
    count: int
    delta: timedelta = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "delta", timedelta(**{self.UNIT: self.count}))

    @property
    def phrase(self) -> str:
        return f"{self.count} {self.UNIT} from"

    def due(self, anchor: date) -> date:
        return anchor + self.delta


@dataclass(frozen=True, slots=True)
class Weeks(_Counted):
    """Due N weeks (7·N calendar days) after the start."""

    UNIT: ClassVar[str] = "weeks"


@dataclass(frozen=True, slots=True)
class Days(_Counted):
    """Due N calendar days after the start."""

    UNIT: ClassVar[str] = "days"


@dataclass(frozen=True, slots=True)
class TwelveMonthsStartingWith:
    """Due on the last day of the 12 months starting with the start (CFA 2014 s.44(1))."""

    @property
    def phrase(self) -> str:
        return "the last day of the 12 months starting with"

    def due(self, anchor: date) -> date:
        return last_day_of_twelve_months_starting_with(anchor)


@dataclass(frozen=True, slots=True)
class BeforeDayOfYear:
    """Due on the last day before a fixed day of the anchor's calendar year ("before 15 February")."""

    month: int
    day: int

    @property
    def phrase(self) -> str:
        return f"the last day before {self.day} {MONTH_NAMES[self.month]} in the calendar year of"

    def due(self, anchor: date) -> date:
        return date(anchor.year, self.month, self.day) - ONE_DAY


@dataclass(frozen=True, slots=True)
class MonthsBefore:
    """Due N months before the anchor (same day of the month, or that month's last day)."""

    count: int

    @property
    def phrase(self) -> str:
        return f"{self.count} months before"

    def due(self, anchor: date) -> date:
        return months_before(anchor, self.count)


Period = Weeks | Days | TwelveMonthsStartingWith | BeforeDayOfYear | MonthsBefore


def weeks(count: int) -> Weeks:
    return Weeks(count)


def days(count: int) -> Days:
    return Days(count)


def days_between(earlier: date, later: date) -> int:
    """Calendar days from ``earlier`` to ``later`` (negative if ``later`` comes first)."""
    return later.toordinal() - earlier.toordinal()
