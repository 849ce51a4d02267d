"""What the improvement app does when the apps below it say something changed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sendtrack.accounts.models import LocalArea
from sendtrack.performance.signals import kpi_summaries_refreshed


def recount_bound_measures(sender: object, *, local_areas: list[LocalArea], as_of: dt.date, **_: Any) -> None:
    """A measure bound to a KPI is recounted whenever its area's KPI summaries are."""
    from sendtrack.improvement.services.measure_kpis import refresh_areas_measures

    refresh_areas_measures(areas=local_areas, as_of=as_of)


def connect() -> None:
    kpi_summaries_refreshed.connect(recount_bound_measures, dispatch_uid="improvement-bound-measures")
