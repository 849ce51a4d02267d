"""Area-wide tallies counted on many dates at once equal the full count of each date on its own."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from sendtrack.performance.tally_dates_sql import ONE_PASS_KPIS, area_wide_tallies_on_dates, in_one_pass
from sendtrack.performance.tally_sql import case_tallies_by_area
from tests.performance.conftest import AS_OF
from tests.performance.test_national_refresh_equals_area_refresh import three_areas  # noqa: F401

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="set-based counting is PostgreSQL's; SQLite keeps the row count"
)

DATES = [date(2024, 2, 29), date(2024, 12, 31), date(2025, 6, 30), date(2025, 11, 2), AS_OF]


def _area_wide(area_ids: list[int], on: date) -> dict[int, dict]:
    counted = case_tallies_by_area(area_ids, on)
    return {area: {k: t for k, t in tallies.items() if k[2] == ""} for area, tallies in counted.items()}


def test_the_one_pass_tallies_equal_each_dates_count(three_areas):  # noqa: F811
    ids = [area.pk for area in three_areas]
    together = area_wide_tallies_on_dates(ids, DATES, ONE_PASS_KPIS)
    assert set(together) == set(DATES)
    for on in DATES:
        expected = _area_wide(ids, on)
        for area in ids:
            wanted = {key: tally for key, tally in expected[area].items() if key[0] in ONE_PASS_KPIS}
            assert len(wanted) > 20
            assert together[on][area] == wanted, on


def test_every_kpi_date_by_date_equals_each_dates_count(three_areas):  # noqa: F811
    ids = [area.pk for area in three_areas]
    assert not in_one_pass(["active_plans", "final_plan_20wk_excl_exceptions"])
    together = area_wide_tallies_on_dates(ids, DATES[1:4], ["active_plans"])
    for on in DATES[1:4]:
        assert together[on] == _area_wide(ids, on), on
