"""An import with its reconciliation: counts before, the import, counts after, and the stored run.

The page and the commands call these, never the imports alone, so every import (a SEN2 return or
a tracker) ends with the same account of what came in (issue 15 §4).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from django.utils import timezone

from sendtrack.accounts.models import LocalArea, User
from sendtrack.core.audit import not_audited
from sendtrack.intake.models import ImportRun
from sendtrack.intake.reconciliation import kpi_figures, reconciliation, sendtrack_counts
from sendtrack.intake.services import TrackerReport, import_tracker
from sendtrack.intake.services.sen2 import Sen2Result, import_sen2
from sendtrack.interchange.import_counts import StageCounts
from sendtrack.interchange.sen2_count import count_timeliness
from sendtrack.interchange.sen2_read import read_header
from sendtrack.interchange.tracker_cases import cases_from_rows
from sendtrack.interchange.tracker_sheets import Sheet


@dataclass
class Sen2Run:
    result: Sen2Result
    report: dict[str, Any]
    run: ImportRun | None


@dataclass
class TrackerRun:
    result: TrackerReport
    report: dict[str, Any]
    run: ImportRun | None


def _opened(source: bytes | str | Path) -> str | IO[bytes]:
    """A fresh reader of the file for each pass (a path is streamed, bytes are read from memory)."""
    return io.BytesIO(source) if isinstance(source, bytes) else str(source)


@not_audited("the record of an import already audited as case_imported", writes=[ImportRun])
def record_run(
    *, area: LocalArea, kind: str, file_name: str, by: User | None, summary: str, report: dict[str, Any]
) -> ImportRun:
    return ImportRun.objects.create(
        local_area=area,
        kind=kind,
        file_name=file_name[:255],
        imported_by=by if by is not None and by.is_authenticated else None,
        summary=summary,
        reconciliation=report,
    )


def run_sen2_import(
    source: bytes | str | Path,
    *,
    file_name: str,
    area: LocalArea,
    by: User | None = None,
    dry_run: bool = True,
    as_of: date | None = None,
) -> Sen2Run:
    """Import a SEN2 return and account for it: the 20-week KPIs are those of the return's year."""
    as_of = as_of or timezone.localdate()
    header = read_header(_opened(source))
    year = header.census_date.year - 1 if header is not None else as_of.year - 1
    before, kpis_before = sendtrack_counts(area), kpi_figures(area, year, as_of)
    result = import_sen2(_opened(source), area=area, by=by, dry_run=dry_run, as_of=as_of)
    written = result.report.written
    summary = result.report.summary()
    report = reconciliation(
        kind=ImportRun.SEN2,
        file_name=file_name,
        dry_run=dry_run,
        summary=summary,
        year=year,
        children={"in_source": result.persons, "matched": result.matched, "new": result.new_children},
        in_source=result.source.as_table(),
        before=before,
        after=sendtrack_counts(area) if written else None,
        kpis_before=kpis_before,
        kpis_after=kpi_figures(area, year, as_of) if written else None,
        refused=list(result.report.errors),
        timeliness=count_timeliness(_opened(source), year) if result.ok else None,
    )
    run = None
    if written:
        run = record_run(
            area=area, kind=ImportRun.SEN2, file_name=file_name, by=by, summary=summary, report=report
        )
    return Sen2Run(result, report, run)


def run_tracker_import(
    sheet: Sheet,
    *,
    mapping: dict[str, str],
    file_name: str,
    area: LocalArea,
    by: User | None = None,
    dry_run: bool = True,
    as_of: date | None = None,
) -> TrackerRun:
    """Import a tracker and account for it: the 20-week KPIs of the latest year it issued plans in."""
    as_of = as_of or timezone.localdate()
    found = cases_from_rows(sheet, mapping, area.code)
    source = StageCounts()
    for case in found.cases:
        source.add_events(case["events"])
    table = source.as_table()
    year = max((int(y) for y in table["plans_issued"]), default=as_of.year - 1)
    before, kpis_before = sendtrack_counts(area), kpi_figures(area, year, as_of)
    result = import_tracker(sheet, mapping=mapping, area=area, by=by, dry_run=dry_run)
    written = result.written
    summary = result.summary()
    report = reconciliation(
        kind=ImportRun.TRACKER,
        file_name=file_name,
        dry_run=dry_run,
        summary=summary,
        year=year,
        children={
            "in_source": result.children,
            "matched": result.matched,
            "new": result.children - result.matched,
        },
        in_source=table,
        before=before,
        after=sendtrack_counts(area) if written else None,
        kpis_before=kpis_before,
        kpis_after=kpi_figures(area, year, as_of) if written else None,
        refused=list(result.errors),
    )
    run = None
    if written:
        run = record_run(
            area=area, kind=ImportRun.TRACKER, file_name=file_name, by=by, summary=summary, report=report
        )
    return TrackerRun(result, report, run)
