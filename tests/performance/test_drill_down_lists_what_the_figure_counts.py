"""The list of cases behind every figure is as long as the figure counts, for every KPI of an area."""

from __future__ import annotations

import pytest

from sendtrack.performance import kpis
from sendtrack.performance.drilldown import DENOMINATOR, NUMERATOR, Selection, counted_case_ids
from sendtrack.performance.models import KpiSummary
from tests.performance.conftest import AS_OF

pytestmark = pytest.mark.django_db


def test_every_kpi_figure_lists_as_many_cases_as_it_counts(demo_area):
    rows = KpiSummary.objects.filter(local_area=demo_area, dimension="").exclude(period__in=["2019", "2020"])
    checked = set()
    for row in rows:
        kpi = kpis.BY_ID[row.kpi_id]
        if kpi.source not in (kpis.CASE_RECORDS, kpis.CASE_EVENTS):
            continue
        parts = [(NUMERATOR, row.numerator), (DENOMINATOR, row.denominator)]
        for part, expected in parts:
            if expected is None:
                continue
            selection = Selection(period=row.period, part=part)
            listed = counted_case_ids(area=demo_area, kpi=kpi, selection=selection, as_of=AS_OF)
            assert sum(listed.values()) == expected, (row.kpi_id, row.period, part)
        checked.add(row.kpi_id)
    case_kpis = {k.id for k in kpis.KPIS if k.source in (kpis.CASE_RECORDS, kpis.CASE_EVENTS)}
    assert len(checked) >= len(case_kpis) - 3, sorted(case_kpis - checked)
