"""A council's own spreadsheet tracker, read as it is kept: one row per request or plan.

Trackers are kept by hand, so the reader expects what hands do: a title row, headers grouped
under merged cells ("Advice" over "Health requested", "Health received"), hidden columns,
blank lines, a totals row, a notes sheet, and dates written five ways. It finds the header row,
names each column by its group and its own words, and leaves judging the values to the mapping.
No Django here.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

EXCEL_EPOCH = date(1899, 12, 30)
BLANK_WORDS = {"", "n/a", "na", "tbc", "tba", "-", "--", "none", "not applicable", "pending", "?"}
TOTAL_ROW = re.compile(r"^\s*(grand\s+)?totals?\b", re.IGNORECASE)
DATE_FORMS = (
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y-%m-%d",
    "%d %b %y",
    "%d %b %Y",
    "%d %B %Y",
    "%d %B %y",
    "%d-%b-%y",
    "%d-%b-%Y",
)


class UnreadableSheet(ValueError):
    pass


@dataclass
class Sheet:
    """The tracker's columns (by name, in order) and its data rows with their spreadsheet row numbers."""

    name: str
    columns: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)

    def sample(self, column: int, count: int = 20) -> list[Any]:
        return [
            row[column] for _, row in self.rows[:count] if column < len(row) and not is_blank(row[column])
        ]


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in BLANK_WORDS)


def parse_date(value: Any) -> date | None:
    """A date as councils write them; None for a blank, "N/A" or "TBC"; ValueError for anything else."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError(f"{value!r} is a number, not a date")
    text = re.sub(r"\s+", " ", str(value).strip())
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for form in DATE_FORMS:
        try:
            return datetime.strptime(text, form).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(f"'{value}' is not a date sendtrack can read (use a date like 05/01/2026)")


def _header_row(rows: list[list[Any]]) -> int:
    """The row (0-based) among the first ten with the most different words: the field headings.

    A title merged across the top repeats one text in every cell, so it counts once.
    """

    def words(row: list[Any]) -> int:
        return len({v.strip() for v in row if isinstance(v, str) and v.strip() and not _looks_like_date(v)})

    candidates = rows[:10]
    if not candidates:
        raise UnreadableSheet("The sheet is empty")
    best = max(range(len(candidates)), key=lambda i: (words(candidates[i]), -i))
    if words(candidates[best]) < 2:
        raise UnreadableSheet("No row of column headings was found in the first ten rows")
    return best


def _looks_like_date(text: str) -> bool:
    try:
        return parse_date(text) is not None
    except ValueError:
        return False


def _columns(header: list[Any], groups: list[Any]) -> list[str]:
    names = []
    for i, value in enumerate(header):
        own = str(value).strip() if value is not None else ""
        group = str(groups[i]).strip() if i < len(groups) and groups[i] not in (None, "") else ""
        name = f"{group} {own}".strip() if group and group.lower() not in own.lower() else own
        names.append(name or f"Column {i + 1}")
    return names


def _data_rows(rows: list[list[Any]], start: int, first_row_number: int) -> list[tuple[int, list[Any]]]:
    kept = []
    for offset, row in enumerate(rows[start:]):
        if all(is_blank(v) for v in row):
            continue
        first = next((v for v in row if not is_blank(v)), "")
        if isinstance(first, str) and TOTAL_ROW.match(first):
            continue
        kept.append((first_row_number + start + offset, row))
    return kept


def read_xlsx(content: bytes, sheet_name: str | None = None) -> Sheet:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a file that is not a workbook
        raise UnreadableSheet(f"This is not an Excel (.xlsx) workbook: {error}") from error
    visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    if sheet_name is not None:
        visible = [ws for ws in visible if ws.title == sheet_name]
        if not visible:
            raise UnreadableSheet(f"There is no visible sheet called {sheet_name!r}")
    sheet = visible[0]
    hidden = {
        column - 1
        for letter, dimension in sheet.column_dimensions.items()
        if dimension.hidden
        for column in range(dimension.min or 0, (dimension.max or 0) + 1)
        if column
    }
    grid = [list(row) for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:  # a merged heading names every column under it
        value = sheet.cell(merged.min_row, merged.min_col).value
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                grid[row - 1][col - 1] = value
    keep = [i for i in range(max((len(r) for r in grid), default=0)) if i not in hidden]
    grid = [[row[i] if i < len(row) else None for i in keep] for row in grid]
    header = _header_row(grid)
    groups = grid[header - 1] if header > 0 else []
    return Sheet(sheet.title, _columns(grid[header], groups), _data_rows(grid, header + 1, 1))


def read_csv(content: bytes) -> Sheet:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252")
    grid: list[list[Any]] = [list(row) for row in csv.reader(io.StringIO(text))]
    header = _header_row(grid)
    return Sheet("csv", _columns(grid[header], []), _data_rows(grid, header + 1, 1))


def read_tracker(content: bytes, filename: str, sheet_name: str | None = None) -> Sheet:
    if filename.lower().endswith(".xlsx"):
        return read_xlsx(content, sheet_name)
    if filename.lower().endswith(".csv"):
        return read_csv(content)
    raise UnreadableSheet(f"{filename}: choose an Excel (.xlsx) or CSV (.csv) file")
