"""The SEN2 return as a file: what `sendtrack export-sen2` and the SEN2 job both write.

A return with errors is refused (nothing written) unless a draft is asked for; a draft with no
errors is written as the real return. Both callers take this one function, so the job's file is
the command's, byte for byte.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from sendtrack.accounts.models import LocalArea
from sendtrack.performance.sen2_renderer import CaseIssue, ReturnReport, write_return


def file_name(area_code: str, year: int, *, draft: bool) -> str:
    return f"SEN2_{area_code}_{year}{'_DRAFT' if draft else ''}.xml"


def issue_line(item: CaseIssue) -> str:
    rule = item.issue.rule
    return (
        f"{rule.code} {rule.severity}: child {item.case_ref}; field {', '.join(rule.fields)}; "
        f"{rule.message} ({item.issue.detail}); fix: {rule.fix}"
    )


@dataclass(frozen=True)
class Sen2Export:
    report: ReturnReport
    written: bool  # False: refused for its errors, and `content` is empty
    draft: bool
    content: str
    file_name: str


def export_return(*, area: LocalArea, census_date: date, draft: bool = False, **header: str) -> Sen2Export:
    """Build the area's return; refuse one with errors unless `draft` (then marked as a draft)."""
    buffer = io.StringIO()
    report = write_return(area=area, census_date=census_date, out=buffer, draft=draft, **header)
    if report.errors and not draft:
        name = file_name(area.code, census_date.year, draft=False)
        return Sen2Export(report=report, written=False, draft=False, content="", file_name=name)
    if not report.errors and draft:
        buffer = io.StringIO()
        report = write_return(area=area, census_date=census_date, out=buffer, draft=False, **header)
        draft = False
    name = file_name(area.code, census_date.year, draft=draft)
    return Sen2Export(report=report, written=True, draft=draft, content=buffer.getvalue(), file_name=name)
