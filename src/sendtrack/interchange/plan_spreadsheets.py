"""Spreadsheets in: an improvement plan or another source's figures, xlsx (openpyxl) or CSV, as plain rows.

Reading gives each row with its sheet name, row number and column letters so that an error can
name the cell. What the columns mean is decided elsewhere (improvement.rules and the import
services); writing is `interchange.spreadsheets`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import BinaryIO

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

PLAN_SHEET_TITLE = "Plan"
HISTORY_SHEET_TITLE = "Progress history"


class UnreadableSpreadsheet(ValueError):
    """The file is not an xlsx or CSV file we can open."""


@dataclass
class SheetRow:
    number: int
    values: list[object]


@dataclass
class Sheet:
    name: str
    headers: list[str]
    rows: list[SheetRow] = field(default_factory=list)

    @staticmethod
    def column_letter(index: int) -> str:
        return get_column_letter(index + 1)


def _is_blank(values: Iterable[object]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def read_plan_sheet(file: BinaryIO, filename: str) -> Sheet:
    """The first sheet of an xlsx file, or a CSV file, with its header row and non-blank rows."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".csv":
        return _read_csv(file, PurePath(filename).stem or "CSV")
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(file)
    raise UnreadableSpreadsheet("The file must be an .xlsx or .csv spreadsheet")


def _read_csv(file: BinaryIO, name: str) -> Sheet:
    raw = file.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    reader = csv.reader(io.StringIO(text))
    return _sheet_from_rows(name, ([cell if cell != "" else None for cell in row] for row in reader))


def _read_xlsx(file: BinaryIO) -> Sheet:
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableSpreadsheet("The file could not be opened as an .xlsx spreadsheet") from error
    try:
        worksheet = workbook.worksheets[0]
        return _sheet_from_rows(worksheet.title, (list(row) for row in worksheet.iter_rows(values_only=True)))
    finally:
        workbook.close()


def _sheet_from_rows(name: str, rows: Iterable[list[object]]) -> Sheet:
    sheet: Sheet | None = None
    for number, values in enumerate(rows, start=1):
        if sheet is None:
            if _is_blank(values):
                continue
            headers = [str(value).strip() if value is not None else "" for value in values]
            while headers and not headers[-1]:
                headers.pop()
            sheet = Sheet(name=name, headers=headers)
            continue
        if _is_blank(values):
            continue
        cells = [value.strip() if isinstance(value, str) else value for value in values[: len(sheet.headers)]]
        cells += [None] * (len(sheet.headers) - len(cells))
        sheet.rows.append(SheetRow(number=number, values=cells))
    if sheet is None:
        raise UnreadableSpreadsheet("The spreadsheet is empty: the first row must hold the column names")
    return sheet
