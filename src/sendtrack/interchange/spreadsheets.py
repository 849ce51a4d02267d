"""Every spreadsheet sendtrack writes (the tracker export, a plan's export) is written here.

In a workbook a date is a real date, shown as every page shows one ("5 January 2026"), so it sorts
and filters as a date; a time of day is added where the value has one. In CSV a date is written
YYYY-MM-DD, the form spreadsheet programs read back as a date in every locale.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

DATE_FORMAT = "d mmmm yyyy"
DATE_TIME_FORMAT = "d mmmm yyyy hh:mm"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


@dataclass(frozen=True)
class Table:
    """One sheet: its title, its column names and its rows of plain values."""

    title: str
    columns: Sequence[str]
    rows: Iterable[Sequence[object]]


def xlsx_bytes(*tables: Table) -> bytes:
    """A workbook with one sheet a table: bold column names, frozen under the first row."""
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(table.title)
        sheet.freeze_panes = "A2"
        header = []
        for name in table.columns:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet: object, value: object) -> object:
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=value.replace(tzinfo=None))
        cell.number_format = DATE_TIME_FORMAT
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if value is None or isinstance(value, int | float):
        return value
    return str(value)


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class _Line:
    def write(self, text: str) -> str:
        return text


def csv_lines(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The CSV a line at a time, for a streamed download."""
    writer = csv.writer(_Line(), lineterminator="\n")
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([_csv_cell(value) for value in row])


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    return "".join(csv_lines(columns, rows))
