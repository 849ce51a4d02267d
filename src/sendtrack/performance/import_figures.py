"""The 20-week KPIs of one area and year, for the reconciliation after an import (intake).

Intake sits below performance, so it reaches this through the `IMPORT_KPI_FIGURES` setting. The
figures are counted now, from the stored milestones, by the same counting as the dashboard.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sendtrack.accounts.models import LocalArea
from sendtrack.performance import kpis
from sendtrack.performance.counting import results_for
from sendtrack.performance.services.refresh import area_tallies

SHOWN = (
    "requests_received",
    "plans_issued",
    *(
        f"{stem}_{suffix}"
        for suffix in ("incl_exceptions", "excl_exceptions")
        for stem in (
            "final_plan_20wk",
            "final_plan_over_20wk_within_year",
            "final_plan_over_year",
            "final_plan_mean_weeks",
        )
    ),
)


def twenty_week_figures(*, area: LocalArea, year: int, as_of: date) -> dict[str, dict[str, Any]]:
    """{KPI id: {name, value, numerator, denominator}} for calendar `year`, counted as at `as_of`."""
    found = results_for(area_tallies([area.pk], as_of), year=year)
    out: dict[str, dict[str, Any]] = {}
    for kpi_id in SHOWN:
        kpi = kpis.get(kpi_id)
        result = found.get(kpi_id, {})
        out[kpi_id] = {
            "name": kpi.name if kpi is not None else kpi_id,
            "value": result.get("value"),
            "numerator": result.get("numerator"),
            "denominator": result.get("denominator"),
        }
    return out
