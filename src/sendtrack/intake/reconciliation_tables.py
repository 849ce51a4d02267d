"""The reconciliation report (intake/reconciliation.py) as rows for the page, in plain English."""

from __future__ import annotations

from typing import Any

from sendtrack.interchange.import_counts import STAGES
from sendtrack.statutory.labels import IMPORT_STAGE_LABELS

NOT_YET = "Not imported yet"
# The figures a SEN2 return implies (intake/reconciliation.py); statutory/labels.py names no periods.
IMPORT_FIGURE_LABELS = {
    "plans": "Plans issued in the year",
    "within_20_weeks": "Issued within 20 weeks",
    "over_20_weeks_within_year": "Issued after 20 weeks, within a year",
    "over_a_year": "Issued after more than a year",
    "mean_weeks": "Mean weeks from request to plan",
    "plans_excluding_exceptions": "Plans issued, excluding exceptions",
    "within_20_weeks_excluding_exceptions": "Within 20 weeks, excluding exceptions",
    "mean_weeks_excluding_exceptions": "Mean weeks, excluding exceptions",
}


def _kpi(kpi_id: str, figure: dict[str, Any] | None) -> str:
    if figure is None:
        return NOT_YET
    value, numerator, denominator = figure.get("value"), figure.get("numerator"), figure.get("denominator")
    if value is None and not numerator:
        return "None"
    if "mean_weeks" in kpi_id:
        return f"{value} weeks"
    if denominator is None:
        return f"{numerator:,}"
    return f"{value:.1%} ({numerator:,} of {denominator:,})"


def _number(value: Any) -> str:
    if value is None:
        return "None"
    return f"{value:,}" if isinstance(value, int) else str(value)


def tables(report: dict[str, Any]) -> dict[str, Any]:
    source = report.get("in_source") or {}
    before = report.get("in_sendtrack_before") or {}
    after = report.get("in_sendtrack_after")
    years = sorted(
        {year for table in (source, before, after or {}) for stage in table.values() for year in stage}
    )
    stages = []
    for stage in STAGES:
        for year in years:
            counts = [table.get(stage, {}).get(year, 0) for table in (source, before)]
            later = None if after is None else after.get(stage, {}).get(year, 0)
            if any(counts) or later:
                stages.append(
                    {
                        "stage": IMPORT_STAGE_LABELS[stage],
                        "year": year,
                        "source": f"{counts[0]:,}",
                        "before": f"{counts[1]:,}",
                        "after": NOT_YET if later is None else f"{later:,}",
                    }
                )
    kpis = report.get("kpis") or {}
    kpi_after = kpis.get("after")
    kpi_rows = [
        {
            "name": figure["name"],
            "before": _kpi(kpi_id, figure),
            "after": _kpi(kpi_id, None if kpi_after is None else kpi_after.get(kpi_id, {})),
        }
        for kpi_id, figure in (kpis.get("before") or {}).items()
    ]
    figures = []
    if "source_figures" in report:
        ours = report.get("sendtrack_figures") or {}
        difference = report.get("difference") or {}
        for name, words in IMPORT_FIGURE_LABELS.items():
            figures.append(
                {
                    "name": words,
                    "file": _number(report["source_figures"].get(name)),
                    "sendtrack": _number(ours.get(name)) if ours else NOT_YET,
                    "difference": _number(difference.get(name)) if difference else NOT_YET,
                }
            )
    return {
        "year": report.get("year"),
        "children": report.get("children") or {},
        "stages": stages,
        "kpis": kpi_rows,
        "figures": figures,
        "refused": report.get("refused") or [],
        "summary": report.get("summary", ""),
        "dry_run": report.get("dry_run", False),
    }
