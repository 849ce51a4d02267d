"""Importing a council's spreadsheet tracker: rows to case files, then the one case import.

All or nothing: if any row cannot be used, nothing is written and every such row is reported
(row, column, value, why). Importing the same tracker again changes nothing (the case import
keeps a hash of each case's content).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sendtrack.accounts.models import LocalArea, User
from sendtrack.casework.models import Person
from sendtrack.casework.services.imports import import_cases
from sendtrack.interchange.import_report import ImportReport
from sendtrack.interchange.tracker_cases import RowProblem, cases_from_rows
from sendtrack.interchange.tracker_mapping import check_mapping
from sendtrack.interchange.tracker_sheets import Sheet


@dataclass(slots=True)
class TrackerReport(ImportReport):
    """The shared report, with what a tracker adds: its requests, final plans and children, and how
    many of those children sendtrack already knew. `imported` is the case import's own report."""

    requests: int = 0
    final_plans: int = 0
    children: int = 0
    matched: int = 0
    imported: ImportReport | None = None

    def summary(self) -> str:
        if self.errors:
            return ImportReport.summary(self)
        verb = "Would import" if self.dry_run else "Imported"
        return (
            f"{verb} {self.requests:,} requests and {self.final_plans:,} final plans for {self.children:,} "
            f"children; {self.matched:,} matched to children already in sendtrack"
        )


def import_tracker(
    sheet: Sheet, *, mapping: dict[str, str], area: LocalArea, by: User | None = None, dry_run: bool = True
) -> TrackerReport:
    report = TrackerReport(rows=len(sheet.rows), dry_run=dry_run)
    report.errors = check_mapping(mapping, sheet)
    if report.errors:
        return report
    found = cases_from_rows(sheet, mapping, area.code)
    report.requests, report.final_plans, report.children = found.requests, found.final_plans, len(found.cases)
    report.errors = [str(problem) for problem in found.problems]
    if report.errors:
        return report
    refs = [case["person"]["ref"] for case in found.cases]
    report.matched = Person.objects.filter(local_area=area, ref__in=refs).count()
    imported = import_cases((json.dumps(case) for case in found.cases), area=area, by=by, dry_run=dry_run)
    report.imported = imported
    report.errors = list(imported.errors)
    report.written = imported.written
    return report


__all__ = ["RowProblem", "TrackerReport", "import_tracker"]
