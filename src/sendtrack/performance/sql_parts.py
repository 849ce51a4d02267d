# ruff: noqa: S608 - the SQL is built only from the code's constants; every value is a parameter
"""Pieces of SQL the set-based counts (tally_sql, tally_dates_sql) are written with: constants of the
code as literals, words as arrays, and a person's age worked out in integers."""

from __future__ import annotations

from collections.abc import Sequence


def lit(text: str) -> str:
    """A constant of the code as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def case_when(expression: str, mapping: dict[str, str], otherwise: str) -> str:
    whens = " ".join(f"WHEN {lit(code)} THEN {name}" for code, name in mapping.items())
    return f"CASE {expression} {whens} ELSE {otherwise} END"


def words(names: Sequence[str]) -> str:
    """An SQL array of words, indexed from 1 by the codes the queries group on."""
    return "(ARRAY[" + ", ".join(lit(name) for name in names) + "]::text[])"


def year(day: str) -> str:
    return f"date_part('year', {day})::int"


def month_day(day: str) -> str:
    """The month and day of `day` as one number (1 March is 301), ordered as the days of a year."""
    return f"(date_part('month', {day}) * 100 + date_part('day', {day}))::int"


def age_on(day: str) -> str:
    """Whole years of the case's person (k) on `day` (counting.age_on), in integers, not text."""
    return f"({year(day)} - k.born_year - CASE WHEN {month_day(day)} < k.born_md THEN 1 ELSE 0 END)"


def age_group(age: str, born_year: str = "k.born_year") -> str:
    """kpis.age_group of an age as a code, 1 to 5, and 6 ("not recorded") without a date of birth."""
    return (
        f"CASE WHEN {born_year} IS NULL THEN 6 WHEN {age} < 5 THEN 1 WHEN {age} <= 10 THEN 2"
        f" WHEN {age} <= 15 THEN 3 WHEN {age} <= 19 THEN 4 ELSE 5 END"
    )
