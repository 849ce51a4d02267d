"""The analysts' validation rules for List 1 and List 2 (spec A6, Data to Insight's 101 to 109).

Plain functions over the rows `lists.build_row` makes. List 2 runs the same checks numbered 2xx.
An error must be fixed before the list is sent; a query is for the analyst to look at.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from sendtrack.inspection.lists import (
    DATE_OF_BIRTH,
    ELECTIVE_HOME_EDUCATION,
    ETHNICITY,
    GENDER,
    INITIAL_PLAN,
    LAST_REVIEW,
    MAIN_PHASE,
    MAIN_URN,
    PRIMARY_NEED,
    SUBSIDIARY_PHASE,
    ULN,
    UPDATED_PLAN,
    UPN,
    YES,
    ListRow,
)

ERROR, QUERY = "error", "query"


@dataclass(frozen=True)
class Issue:
    code: str
    severity: str
    message: str
    unique_id: str
    case_ref: str


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


Check = Callable[[ListRow, date], Iterator[tuple[str, str, str]]]


def missing_fields(row: ListRow, as_of: date) -> Iterator[tuple[str, str, str]]:
    for suffix, name in (("a", DATE_OF_BIRTH), ("b", GENDER), ("c", ETHNICITY), ("d", PRIMARY_NEED)):
        if not row.values.get(name):
            yield f"01{suffix}", ERROR, f"{name} is missing"


def ages(row: ListRow, as_of: date) -> Iterator[tuple[str, str, str]]:
    born = row.values.get(DATE_OF_BIRTH)
    if born is None:
        return
    age = age_on(born, as_of)
    if age == 25:
        yield "02a", QUERY, "Aged 25: check the plan is still maintained"
    elif age >= 26:
        yield "02b", ERROR, f"Aged {age}: a plan cannot continue past 25"


def future_dates(row: ListRow, as_of: date) -> Iterator[tuple[str, str, str]]:
    for suffix, name in (("a", DATE_OF_BIRTH), ("b", INITIAL_PLAN), ("c", UPDATED_PLAN), ("d", LAST_REVIEW)):
        value = row.values.get(name)
        if value is not None and value > as_of:
            yield f"05{suffix}", ERROR, f"{name} is after the date of the list"


def date_order(row: ListRow, as_of: date) -> Iterator[tuple[str, str, str]]:
    initial = row.values.get(INITIAL_PLAN)
    if initial is None:
        return
    updated, reviewed = row.values.get(UPDATED_PLAN), row.values.get(LAST_REVIEW)
    if updated is not None and initial > updated:
        yield "06a", ERROR, "The initial plan is dated after the updated plan"
    if reviewed is not None and initial > reviewed:
        yield "06b", ERROR, "The initial plan is dated after the last review"


def pupil_numbers(row: ListRow, as_of: date) -> Iterator[tuple[str, str, str]]:
    born = row.values.get(DATE_OF_BIRTH)
    if born is None or age_on(born, as_of) < 6:
        return
    if not row.values.get(UPN) and not row.values.get(ULN) and not row.upn_unknown:
        yield "07", ERROR, "Aged 6 or over with no UPN, ULN or reason it is unknown"


def establishments(row: ListRow, as_of: date) -> Iterator[tuple[str, str, str]]:
    born = row.values.get(DATE_OF_BIRTH)
    if born is None or not 5 <= age_on(born, as_of) <= 16:
        return
    has_setting = row.values.get(MAIN_URN) or row.values.get(MAIN_PHASE) or row.values.get(SUBSIDIARY_PHASE)
    if row.values.get(ELECTIVE_HOME_EDUCATION) == YES:
        if not row.values.get(MAIN_URN):
            yield "08b", QUERY, "Home educated: the guidance still expects the URN of the school on roll"
    elif not has_setting:
        yield "08a", ERROR, "School age with no main or subsidiary establishment"


ROW_CHECKS: tuple[Check, ...] = (
    missing_fields,
    ages,
    future_dates,
    date_order,
    pupil_numbers,
    establishments,
)

RULES = (
    ("01a–d", "Date of birth, gender, ethnicity or primary need missing"),
    ("02a/b", "Aged 25 (query) or 26 and over (error)"),
    ("05a–d", "Date of birth, initial plan, updated plan or last review after the date of the list"),
    ("06a/b", "Initial plan dated after the updated plan or the last review"),
    ("07", "Aged 6 or over without a UPN, ULN or reason it is unknown"),
    ("08a/b", "School age (5 to 16) with no establishment; home educated without a URN"),
    ("09", "The same UPN on two rows (the row with the most recent initial plan is kept)"),
)


def duplicate_upns(rows: list[ListRow]) -> Iterator[tuple[ListRow, tuple[str, str, str]]]:
    """Every row but one for each repeated UPN: the one kept has the most recent initial plan."""
    by_upn: dict[str, list[ListRow]] = defaultdict(list)
    for row in rows:
        if row.values.get(UPN):
            by_upn[row.values[UPN]].append(row)
    for group in by_upn.values():
        if len(group) < 2:
            continue
        keep = max(group, key=lambda r: r.values.get(INITIAL_PLAN) or date.min)
        for row in group:
            if row is not keep:
                yield row, ("09", ERROR, f"UPN also on the row of {keep.unique_id}, which is kept")


def validate(rows: Iterable[ListRow], as_of: date, *, list_number: int = 1) -> list[Issue]:
    """Every issue in a list, errors first; codes are 1xx for List 1 and 2xx for List 2."""
    rows = list(rows)
    found: list[Issue] = []

    def add(row: ListRow, code: str, severity: str, message: str) -> None:
        found.append(Issue(f"{list_number}{code}", severity, message, row.unique_id, row.case_ref))

    for row in rows:
        for check in ROW_CHECKS:
            for code, severity, message in check(row, as_of):
                add(row, code, severity, message)
    for row, (code, severity, message) in duplicate_upns(rows):
        add(row, code, severity, message)
    return sorted(found, key=lambda i: (i.severity != ERROR, i.code, i.unique_id))
