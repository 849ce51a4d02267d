"""Importing the figures that come from outside the case records, from CSV or Excel (.xlsx).

Like the case import, an import is all or nothing: every row is checked, each problem is reported
as "Row N, column C (name): problem", and if there is any problem nothing is stored. A good file
replaces what the area held for the same services, terms or years, then the area's KPI
summaries are refreshed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, BinaryIO

from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.interchange.import_report import ImportReport
from sendtrack.interchange.plan_spreadsheets import Sheet, UnreadableSpreadsheet, read_plan_sheet
from sendtrack.performance import kpis
from sendtrack.performance.models import ExclusionsAndAttendance, HighNeedsBudget, WaitingListEntry
from sendtrack.performance.services.refresh import refresh_summaries

SERVICE_BY_WORDS = {words.lower(): code for code, (words, _weeks) in kpis.WAITING_LIST_SERVICES.items()}


class _Problem(ValueError):
    pass


def _date(value: Any, required: bool) -> dt.date | None:
    if value in (None, ""):
        if required:
            raise _Problem("enter a date")
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise _Problem(f"'{text}' is not a date: write it as 2025-03-04 or 04/03/2025")


def _whole(value: Any, required: bool = True) -> int:
    if value in (None, ""):
        if required:
            raise _Problem("enter a whole number")
        return 0
    try:
        number = float(str(value).replace(",", "").replace("£", ""))
    except ValueError:
        raise _Problem(f"'{value}' is not a number") from None
    if number < 0 or number != int(number):
        raise _Problem(f"'{value}' must be a whole number of 0 or more")
    return int(number)


def _service(value: Any) -> str:
    text = str(value or "").strip().lower()
    code = (
        text.replace(" ", "_")
        if text.replace(" ", "_") in kpis.WAITING_LIST_SERVICES
        else SERVICE_BY_WORDS.get(text)
    )
    if code is None:
        raise _Problem(
            f"'{value}' is not a service sendtrack knows: use one of "
            + ", ".join(words for words, _ in kpis.WAITING_LIST_SERVICES.values())
        )
    return code


def _text(value: Any, limit: int) -> str:
    text = str(value or "").strip()
    if not text or len(text) > limit:
        raise _Problem(f"enter text of at most {limit} characters")
    return text


def _choice(value: Any, choices: list[str]) -> str:
    text = str(value or "").strip().lower().replace(" ", "_")
    if text not in choices:
        raise _Problem(f"must be one of {', '.join(choices)}")
    return text


def _year(value: Any, separator: str) -> str:
    text = str(value or "").strip()
    if (
        len(text) != 7
        or text[4] != separator
        or not (text[:4] + text[5:]).isdigit()
        or int(text[5:]) != (int(text[:4]) + 1) % 100
    ):
        raise _Problem(f"write the year as 2024{separator}25")
    return text


Parser = Callable[[Any], Any]

WAITING_LIST_COLUMNS: dict[str, Parser] = {
    "service": _service,
    "child_ref": lambda v: _text(v, 64),
    "referral_date": lambda v: _date(v, True),
    "first_appointment": lambda v: _date(v, False),
    "cancelled_appointments": lambda v: _whole(v, False),
}
EXCLUSIONS_COLUMNS: dict[str, Parser] = {
    "academic_year": lambda v: _year(v, "/"),
    "term": lambda v: _choice(v, [c for c, _ in ExclusionsAndAttendance.Term.choices]),
    "sen_status": lambda v: _choice(v, [c for c, _ in ExclusionsAndAttendance.SenStatus.choices]),
    "pupils": _whole,
    "suspensions": _whole,
    "permanent_exclusions": _whole,
    "sessions_possible": _whole,
    "sessions_attended": _whole,
}
HIGH_NEEDS_COLUMNS: dict[str, Parser] = {
    "financial_year": lambda v: _year(v, "-"),
    "funding": _whole,
    "spend": _whole,
}


def _rows(sheet: Sheet, columns: dict[str, Parser], report: ImportReport) -> list[dict[str, Any]]:
    headers = [h.strip().lower().replace(" ", "_") for h in sheet.headers]
    missing = [name for name in columns if name not in headers]
    if missing:
        report.errors.append(f"Row 1: the columns {', '.join(missing)} are missing")
        return []
    parsed = []
    for row in sheet.rows:
        report.rows += 1
        values: dict[str, Any] = {}
        for name, parse in columns.items():
            index = headers.index(name)
            try:
                values[name] = parse(row.values[index])
            except _Problem as problem:
                report.errors.append(
                    f"Row {row.number}, column {Sheet.column_letter(index)} ({name}): {problem}"
                )
        parsed.append(values)
    return parsed


def _import(
    file: BinaryIO,
    filename: str,
    columns: dict[str, Parser],
    dry_run: bool,
    check: Callable[[dict[str, Any]], str | None] | None = None,
) -> tuple[ImportReport, list[dict]]:
    report = ImportReport(dry_run=dry_run)
    try:
        sheet = read_plan_sheet(file, filename)
    except UnreadableSpreadsheet as error:
        report.errors.append(str(error))
        return report, []
    rows = _rows(sheet, columns, report)
    if check is not None and not report.errors:
        for number, values in zip((r.number for r in sheet.rows), rows, strict=True):
            problem = check(values)
            if problem:
                report.errors.append(f"Row {number}: {problem}")
    return report, rows


def _waiting_check(values: dict[str, Any]) -> str | None:
    seen = values["first_appointment"]
    if seen is not None and seen < values["referral_date"]:
        return "the first appointment is before the referral date"
    return None


def _terms_check(values: dict[str, Any]) -> str | None:
    if values["sessions_attended"] > values["sessions_possible"]:
        return "more sessions attended than possible"
    return None


def import_waiting_list(
    *, area: LocalArea, file: BinaryIO, filename: str, dry_run: bool = False
) -> ImportReport:
    """Replace the area's waiting list entries for each service in the file."""
    report, rows = _import(file, filename, WAITING_LIST_COLUMNS, dry_run, _waiting_check)
    if report.ok and not dry_run:
        with transaction.atomic():
            now = timezone.now()
            WaitingListEntry.objects.filter(
                local_area=area, service__in={r["service"] for r in rows}
            ).delete()
            WaitingListEntry.objects.bulk_create(
                [WaitingListEntry(local_area=area, imported_at=now, **row) for row in rows], batch_size=2000
            )
            report.created, report.written = len(rows), True
        refresh_summaries(area=area)
    return report


def import_exclusions(
    *, area: LocalArea, file: BinaryIO, filename: str, dry_run: bool = False
) -> ImportReport:
    """Replace the area's termly suspensions, exclusions and attendance for the terms in the file."""
    report, rows = _import(file, filename, EXCLUSIONS_COLUMNS, dry_run, _terms_check)
    key = ("academic_year", "term", "sen_status")
    duplicated = "The same academic year, term and SEN status appear on more than one row"
    return _store_by_key(area, report, rows, ExclusionsAndAttendance, key, duplicated)


def import_high_needs(
    *, area: LocalArea, file: BinaryIO, filename: str, dry_run: bool = False
) -> ImportReport:
    """Replace the area's high needs funding and spend for the financial years in the file."""
    report, rows = _import(file, filename, HIGH_NEEDS_COLUMNS, dry_run)
    duplicated = "The same financial year appears on more than one row"
    return _store_by_key(area, report, rows, HighNeedsBudget, ("financial_year",), duplicated)


def _store_by_key(
    area: LocalArea,
    report: ImportReport,
    rows: list[dict[str, Any]],
    model: type[ExclusionsAndAttendance | HighNeedsBudget],
    key: tuple[str, ...],
    duplicated: str,
) -> ImportReport:
    """Store each row over the area's row with the same key; refuse a file naming a key twice."""
    keys = [tuple(row[name] for name in key) for row in rows] if report.ok else []
    if len(set(keys)) != len(keys):
        report.errors.append(duplicated)
    if report.ok and not report.dry_run:
        with transaction.atomic():
            for row in rows:
                _, created = model.objects.update_or_create(
                    local_area=area,
                    **{name: row[name] for name in key},
                    defaults={**row, "imported_at": timezone.now()},
                )
                report.created += created
                report.updated += not created
            report.written = True
        refresh_summaries(area=area)
    return report
