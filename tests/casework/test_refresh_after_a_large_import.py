"""After a large import the summaries and the forecast are refreshed side by side, each on its own
connection, and store what they store one after the other."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from django.db import connection

from sendtrack.casework import services
from sendtrack.casework.services import imports
from sendtrack.forecast.models import ForecastRun, StepForecast
from sendtrack.performance.models import KpiSummary
from tests.casework.conftest import CHILD

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="side by side only on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
AS_OF = date(2026, 11, 2)


def children(count: int) -> list[str]:
    lines = []
    for n in range(1, count + 1):
        child = copy.deepcopy(CHILD)
        child["case_ref"], child["person"]["ref"] = f"NB-{n:04}", f"P{n:04}"
        child["events"][0]["date"] = f"2026-{1 + n % 9:02}-05"
        lines.append(json.dumps(child))
    return lines


def refreshed() -> tuple[list, list, list]:
    summaries = KpiSummary.objects.order_by("pk").values_list(
        "kpi_id", "period", "dimension", "value_key", "numerator", "denominator", "value"
    )
    forecasts = StepForecast.objects.order_by("case__case_ref", "rule", "start").values_list(
        "case__case_ref", "rule", "start", "due", "chance_late", "expected", "earliest", "latest", "reason"
    )
    runs = ForecastRun.objects.values_list("as_of", "summary")
    return sorted(summaries), list(forecasts), list(runs)


def test_side_by_side_stores_what_one_after_the_other_stores(area, council, school, monkeypatch):
    sides = []
    monkeypatch.setattr(imports, "REFRESH_SIDE_BY_SIDE_FROM", 5)
    monkeypatch.setattr(imports, "side_by_side", _counting(imports.side_by_side, sides))

    report = services.import_cases(children(7), area=area, as_of=AS_OF)
    together = refreshed()
    monkeypatch.setattr(imports, "REFRESH_SIDE_BY_SIDE_FROM", 8)
    imports.refresh_after_import(area, AS_OF, 7)

    assert report.ok and len(sides) == 1
    assert together[0] and together[1] and together[2]
    assert together == refreshed()


def _counting(real, calls):
    def spy(first, second):
        calls.append(first)
        return real(first, second)

    return spy
