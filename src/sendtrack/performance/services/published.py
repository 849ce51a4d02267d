"""Importing the DfE's published 20-week timeliness figures of an area, and England's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from sendtrack.accounts.models import LocalArea, User
from sendtrack.core.audit import audit
from sendtrack.core.models import AuditVerb
from sendtrack.interchange.published_timeliness import NATIONAL, read_published_timeliness
from sendtrack.performance.models import PublishedTimeliness


@dataclass
class PublishedImportReport:
    lines: int = 0
    stored: int = 0
    years: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            return f"Nothing imported: {len(self.errors)} problems in {self.lines} rows"
        span = f"{min(self.years)} to {max(self.years)}" if self.years else "no years"
        return f"Imported {self.stored} rows of published timeliness ({span}) from {self.lines} rows"


@transaction.atomic(durable=True)
def import_published_timeliness(
    *, area: LocalArea, lines: Iterable[str], filename: str = "", by: User | None = None
) -> PublishedImportReport:
    """Replace the area's published figures with the file's rows for its code, and England's.

    All or nothing: a file with any problem stores nothing and keeps what was there.
    """
    reading = read_published_timeliness(lines, old_la_code=area.code)
    report = PublishedImportReport(lines=reading.lines, errors=reading.errors)
    if reading.errors:
        return report
    PublishedTimeliness.objects.filter(local_area=area).delete()
    rows = [
        PublishedTimeliness(
            local_area=area,
            geography=PublishedTimeliness.Geography.ENGLAND
            if row.geographic_level == NATIONAL
            else PublishedTimeliness.Geography.AREA,
            year=row.year,
            breakdown_topic=row.breakdown_topic[:80],
            breakdown=row.breakdown[:120],
            figures=row.figures,
            source_file=filename[:200],
        )
        for row in reading.rows
    ]
    PublishedTimeliness.objects.bulk_create(rows, ignore_conflicts=False)
    report.stored = len(rows)
    report.years = sorted({row.year for row in reading.rows})
    audit(
        actor=by,
        verb=AuditVerb.PUBLISHED_TIMELINESS_IMPORTED,
        local_area=area,
        detail={"file": filename, "rows": len(rows), "years": report.years},
    )
    return report
