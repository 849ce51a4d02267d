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
from sendtrack.interchange.sen2_count import Timeliness, count_timeliness
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


@dataclass
class _Account:
    """What the area held before an import, set beside what it holds after; a written import's run stored."""

    kind: str
    area: LocalArea
    file_name: str
    by: User | None
    dry_run: bool
    year: int
    as_of: date

    def __post_init__(self) -> None:
        self.before = sendtrack_counts(self.area)
        self.kpis_before = kpi_figures(self.area, self.year, self.as_of)

    def settle(
        self,
        *,
        written: bool,
        summary: str,
        children: dict[str, int],
        in_source: dict[str, dict[str, int]],
        refused: list[str],
        timeliness: Timeliness | None = None,
    ) -> tuple[dict[str, Any], ImportRun | None]:
        """The reconciliation report, and the stored run when the import was written."""
        report = reconciliation(
            kind=self.kind,
            file_name=self.file_name,
            dry_run=self.dry_run,
            summary=summary,
            year=self.year,
            children=children,
            in_source=in_source,
            before=self.before,
            after=sendtrack_counts(self.area) if written else None,
            kpis_before=self.kpis_before,
            kpis_after=kpi_figures(self.area, self.year, self.as_of) if written else None,
            refused=refused,
            timeliness=timeliness,
        )
        if not written:
            return report, None
        run = record_run(
            area=self.area,
            kind=self.kind,
            file_name=self.file_name,
            by=self.by,
            summary=summary,
            report=report,
        )
        return report, run


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
    account = _Account(ImportRun.SEN2, area, file_name, by, dry_run, year, as_of)
    result = import_sen2(_opened(source), area=area, by=by, dry_run=dry_run, as_of=as_of)
    report, run = account.settle(
        written=result.report.written,
        summary=result.report.summary(),
        children={"in_source": result.persons, "matched": result.matched, "new": result.new_children},
        in_source=result.source.as_table(),
        refused=list(result.report.errors),
        timeliness=count_timeliness(_opened(source), year) if result.ok else None,
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
    account = _Account(ImportRun.TRACKER, area, file_name, by, dry_run, year, as_of)
    result = import_tracker(sheet, mapping=mapping, area=area, by=by, dry_run=dry_run)
    report, run = account.settle(
        written=result.written,
        summary=result.summary(),
        children={
            "in_source": result.children,
            "matched": result.matched,
            "new": result.children - result.matched,
        },
        in_source=table,
        refused=list(result.errors),
    )
    return TrackerRun(result, report, run)
