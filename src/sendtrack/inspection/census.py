"""Reading a school census or children's social care extract (CSV). Pure Python, no Django.

All or nothing: every problem is reported with its row, column, value and why, and a file with
any problem gives no rows at all.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sendtrack.inspection.lists import PHASE_CODES

REQUIRED = ("upn", "period_end")
OPTIONAL = (
    "suspensions",
    "permanent_exclusions",
    "absence_percent",
    "pupil_premium",
    "known_to_social_care",
    "social_care_team",
    "sen_support",
    "main_phase",
    "subsidiary_phase",
)
COLUMNS = REQUIRED + OPTIONAL
UPN_PATTERN = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$")
YES_WORDS = {"yes", "y", "true", "1", "a) yes"}
NO_WORDS = {"no", "n", "false", "0", "b) no"}


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    value: str
    why: str

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row else "Header"
        shown = f" ({self.value!r})" if self.value else ""
        return f"{where}, column {self.column}{shown}: {self.why}"


class CensusExtractError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s); nothing was imported")
        self.problems = problems


def _date(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError("not a date: write it as DD/MM/YYYY or YYYY-MM-DD")


def _count(text: str) -> int:
    if not text.isdigit():
        raise ValueError("must be a whole number, 0 or more")
    return int(text)


def _percent(text: str) -> Decimal:
    try:
        value = Decimal(text.rstrip("%"))
    except InvalidOperation as error:
        raise ValueError("must be a percentage between 0 and 100") from error
    if not value.is_finite() or not 0 <= value <= 100:
        raise ValueError("must be a percentage between 0 and 100")
    return value.quantize(Decimal("0.01"))


def _yes_no(text: str) -> bool:
    word = text.lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise ValueError("must be yes or no")


def _phase(text: str) -> str:
    key = text.lower().replace(" ", "_").replace("-", "_")
    if key not in PHASE_CODES:
        raise ValueError(f"must be one of: {', '.join(sorted(PHASE_CODES))}")
    return key


def _upn(text: str) -> str:
    if not UPN_PATTERN.match(text.upper()):
        raise ValueError("must be a 13-character UPN: a letter, 11 digits, then a digit or letter")
    return text.upper()


def _team(text: str) -> str:
    if len(text) > 80:
        raise ValueError("must be 80 characters or fewer")
    return text


PARSERS: dict[str, Any] = {
    "upn": _upn,
    "period_end": _date,
    "suspensions": _count,
    "permanent_exclusions": _count,
    "absence_percent": _percent,
    "pupil_premium": _yes_no,
    "known_to_social_care": _yes_no,
    "social_care_team": _team,
    "sen_support": _yes_no,
    "main_phase": _phase,
    "subsidiary_phase": _phase,
}


def read_extract(text: str) -> list[dict[str, Any]]:
    """Every row parsed, keyed by column; raises `CensusExtractError` listing every problem."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    problems = [
        Problem(0, name, "", "is not a column this import knows") for name in header if name not in COLUMNS
    ]
    problems += [
        Problem(0, name, "", "is missing from the header") for name in REQUIRED if name not in header
    ]
    if problems:
        raise CensusExtractError(problems)
    reader.fieldnames = header
    rows: list[dict[str, Any]] = []
    for number, raw in enumerate(reader, start=2):
        if None in raw:
            problems.append(
                Problem(number, "(end of row)", "", "has more values than the header has columns")
            )
            continue
        row: dict[str, Any] = {}
        for column in header:
            text = (raw.get(column) or "").strip()
            if not text:
                if column in REQUIRED:
                    problems.append(Problem(number, column, "", "is empty"))
                continue
            try:
                row[column] = PARSERS[column](text)
            except ValueError as error:
                problems.append(Problem(number, column, text, str(error)))
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem(0, "upn", "", "the file has no rows"))
    if problems:
        raise CensusExtractError(problems)
    return rows
