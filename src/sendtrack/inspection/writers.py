"""List 1 and List 2 as csv and xlsx: the spec's column order and names, dates as DD/MM/YYYY.

A list with validation errors says so in its file name and on its first line (csv) or in a note
above the table and a sheet of the errors (xlsx), so it is never sent by mistake.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import Workbook

from sendtrack.inspection.lists import formatted
from sendtrack.inspection.person_lists import PersonList

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def error_note(person_list: PersonList) -> str:
    count = len(person_list.errors)
    plural = "s" if count != 1 else ""
    return f"NOT READY: this list has {count} validation error{plural}; fix them before sending"


def file_name(person_list: PersonList, area_code: str, fmt: str) -> str:
    flag = "-WITH-ERRORS" if person_list.errors else ""
    return f"list-{person_list.number}-{area_code}-{person_list.as_of:%Y-%m-%d}{flag}.{fmt}"


def write_csv(person_list: PersonList) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if person_list.errors:
        writer.writerow([error_note(person_list)])
    writer.writerow(person_list.fields)
    for row in person_list.rows:
        writer.writerow([formatted(row.values[name]) for name in person_list.fields])
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(person_list: PersonList) -> bytes:
    """Dates are real dates shown as DD/MM/YYYY, so Excel sorts them."""
    book = Workbook()
    sheet = book.active
    sheet.title = f"List {person_list.number}"
    if person_list.errors:
        sheet.append([error_note(person_list)])
    sheet.append(list(person_list.fields))
    for row in person_list.rows:
        sheet.append([_cell(row.values[name]) for name in person_list.fields])
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    if person_list.issues:
        issues = book.create_sheet("Validation")
        issues.append(["Rule", "Severity", "Unique ID", "Problem"])
        for issue in person_list.issues:
            issues.append([issue.code, issue.severity, issue.unique_id, issue.message])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: object) -> object:
    return value if value is None or isinstance(value, date | int) else formatted(value)


def write(person_list: PersonList, fmt: str) -> bytes:
    return write_csv(person_list) if fmt == "csv" else write_xlsx(person_list)
