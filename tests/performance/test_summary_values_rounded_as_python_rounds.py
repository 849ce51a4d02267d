"""The summary rows written in SQL carry exactly the value `Tally.result` gives, exact halves included."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection, transaction
from django.utils import timezone

from sendtrack.performance import kpis
from sendtrack.performance.counting import Tally
from sendtrack.performance.models import KpiSummary
from sendtrack.performance.summary_sql import store_case_summaries
from sendtrack.performance.tally_sql import TALLY, drop_temporary_tables

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the summary rows are written in SQL on PostgreSQL only"
)
AS_OF = date(2026, 11, 2)
SHARE = "final_plan_20wk_incl_exceptions"
WEEKS = "final_plan_mean_weeks_incl_exceptions"
COUNT = "plans_issued"
# Exact halves on the third decimal (1/16 = 0.0625, 1/2000 = 0.0005, 3/8000), near misses, a whole,
# and means in weeks landing on a half (7 weeks and a half: 105 days over 2) or not, one negative.
TALLIES = [
    *(
        (SHARE, Tally(numerator, denominator))
        for numerator, denominator in (
            (1, 16),
            (3, 16),
            (5, 16),
            (1, 2000),
            (3, 2000),
            (3, 8000),
            (1, 3),
            (2, 3),
            (1999, 2000),
            (0, 5),
            (5, 5),
            (7, 0),
            (125, 1000),
            (1, 7),
            (1, 1024),
        )
    ),
    *(
        (WEEKS, Tally(0, denominator, total=total))
        for total, denominator in (
            (105, 2),
            (7, 2),
            (21, 4),
            (140, 1),
            (100, 3),
            (-7, 2),
            (0, 0),
            (10_000, 7),
            (3, 20),
        )
    ),
    (COUNT, Tally(numerator=12)),
]


def test_values_written_in_sql_equal_the_tally_results(area):
    rows = [
        (area.pk, kpi_id, str(2000 + n), "", "", t.numerator, t.denominator, t.total)
        for n, (kpi_id, t) in enumerate(TALLIES)
    ]
    with transaction.atomic():
        drop_temporary_tables()
        with connection.cursor() as cursor:
            cursor.execute(TALLY)
            cursor.executemany("INSERT INTO kpi_tally VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", rows)
        store_case_summaries([area.pk], timezone.now())
        drop_temporary_tables()
    stored = {
        row.period: (row.numerator, row.denominator, row.value)
        for row in KpiSummary.objects.filter(local_area=area)
    }
    assert len(stored) == len(TALLIES)
    for n, (kpi_id, tally) in enumerate(TALLIES):
        result = tally.result(kpis.get(kpi_id).unit)
        expected = (result["numerator"], result["denominator"], result["value"])
        assert stored[str(2000 + n)] == expected, (kpi_id, tally)
