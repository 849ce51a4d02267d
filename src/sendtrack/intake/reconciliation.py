"""What came in: the source beside sendtrack, before and after an import (issue 15 §4). Read only.

`sendtrack_counts` counts the area's stored events by stage and calendar year, the way
`interchange/import_counts.py` counts the source; `reconciliation` puts the figures together as
the plain dict that the command prints as JSON and the page shows as tables.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.module_loading import import_string

from sendtrack.accounts.models import LocalArea
from sendtrack.casework.models import CaseEvent
from sendtrack.interchange.import_counts import StageCounts, stage_of
from sendtrack.interchange.sen2_count import Band, Timeliness

COUNTED_TYPES = (
    "request_received",
    "assessment_decision",
    "final_plan_issued",
    "plan_decision",
    "request_withdrawn",
    "plan_ceased",
)
# The file's own figure beside sendtrack's KPI: (figure, KPI id, which number of the KPI).
COMPARED = (
    ("plans", "final_plan_20wk_incl_exceptions", "denominator"),
    ("within_20_weeks", "final_plan_20wk_incl_exceptions", "numerator"),
    ("over_20_weeks_within_year", "final_plan_over_20wk_within_year_incl_exceptions", "numerator"),
    ("over_a_year", "final_plan_over_year_incl_exceptions", "numerator"),
    ("mean_weeks", "final_plan_mean_weeks_incl_exceptions", "value"),
    ("plans_excluding_exceptions", "final_plan_20wk_excl_exceptions", "denominator"),
    ("within_20_weeks_excluding_exceptions", "final_plan_20wk_excl_exceptions", "numerator"),
    ("mean_weeks_excluding_exceptions", "final_plan_mean_weeks_excl_exceptions", "value"),
)


def sendtrack_counts(area: LocalArea) -> dict[str, dict[str, int]]:
    """The area's current events (corrections applied) by stage and year."""
    rows = (
        CaseEvent.objects.filter(case__local_area=area, type__in=COUNTED_TYPES, corrections__isnull=True)
        .exclude(date__isnull=True)
        .values("type", "data__outcome", year=ExtractYear("date"))
        .annotate(n=Count("pk"))
    )
    counts = StageCounts()
    for row in rows:
        stage = stage_of(row["type"], row["data__outcome"])
        if stage is not None:
            counts.add(stage, row["year"], row["n"])
    return counts.as_table()


def kpi_figures(area: LocalArea, year: int, as_of: date) -> dict[str, dict[str, Any]]:
    figures = import_string(settings.IMPORT_KPI_FIGURES)
    return dict(figures(area=area, year=year, as_of=as_of))


def file_figures(timeliness: Timeliness) -> dict[str, Any]:
    """What the return itself implies for the 20 weeks, counted as the DfE counts it."""
    including, excluding = timeliness.including, timeliness.excluding
    return {
        "year": timeliness.year,
        "plans": including.plans,
        "within_20_weeks": including.within_20_weeks,
        "over_20_weeks_within_year": including.over_20_weeks_within_year,
        "over_a_year": including.over_a_year,
        "mean_weeks": including.mean_weeks,
        "plans_excluding_exceptions": excluding.plans,
        "within_20_weeks_excluding_exceptions": excluding.within_20_weeks,
        "mean_weeks_excluding_exceptions": excluding.mean_weeks,
        "untimed": including.untimed,
    }


def _difference(
    source: dict[str, Any], kpis: dict[str, dict[str, Any]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    ours: dict[str, Any] = {}
    difference: dict[str, Any] = {}
    for figure, kpi_id, part in COMPARED:
        value = kpis.get(kpi_id, {}).get(part)
        if value is None and part != "value":
            value = 0
        ours[figure] = value
        theirs = source.get(figure)
        if isinstance(value, (int, float)) and isinstance(theirs, (int, float)):
            difference[figure] = round(value - theirs, 1)
        else:
            difference[figure] = None if value == theirs else "not comparable"
    return ours, difference


def reconciliation(
    *,
    kind: str,
    file_name: str,
    dry_run: bool,
    summary: str,
    year: int,
    children: dict[str, int],
    in_source: dict[str, dict[str, int]],
    before: dict[str, dict[str, int]],
    after: dict[str, dict[str, int]] | None,
    kpis_before: dict[str, dict[str, Any]],
    kpis_after: dict[str, dict[str, Any]] | None,
    refused: list[str],
    timeliness: Timeliness | None = None,
) -> dict[str, Any]:
    """The whole report, as plain data (the command's `--json`, the page's tables)."""
    report: dict[str, Any] = {
        "source": kind,
        "file": file_name,
        "dry_run": dry_run,
        "summary": summary,
        "year": year,
        "children": children,
        "in_source": in_source,
        "in_sendtrack_before": before,
        "in_sendtrack_after": after,
        "kpis": {"year": year, "before": kpis_before, "after": kpis_after},
        "refused": refused,
    }
    if timeliness is not None:
        source = file_figures(timeliness)
        report["source_figures"] = source
        if kpis_after is not None:
            report["sendtrack_figures"], report["difference"] = _difference(source, kpis_after)
    return report


__all__ = ["Band", "kpi_figures", "reconciliation", "sendtrack_counts"]
