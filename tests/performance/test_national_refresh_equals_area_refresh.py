"""The set-based count of many areas at once gives exactly the figures of the row-by-row count per area."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.db import connection
from django.db.models import F

from sendtrack.casework.models import CaseEvent, Person
from sendtrack.casework.services import import_cases
from sendtrack.demo.generator import generate_cases
from sendtrack.performance import tally_sql
from sendtrack.performance.models import KpiSummary, SummaryRefresh
from sendtrack.performance.services import second_connection
from sendtrack.performance.services.refresh import case_tallies, refresh_all, refresh_row_by_row
from sendtrack.performance.tally_sql import case_tallies_by_area
from tests.factories import LocalAreaFactory
from tests.performance.conftest import AS_OF

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="set-based counting is PostgreSQL's; SQLite keeps the row count"
)


@pytest.fixture
def three_areas(db):
    return _three_areas()


def _three_areas():
    areas = []
    for index, (code, seed) in enumerate((("801", 11), ("802", 12), ("803", 13))):
        area = LocalAreaFactory(code=code, name=f"Generated {index}")
        cases = generate_cases(code, 160, seed, AS_OF)
        report = import_cases((json.dumps(case) for case in cases), area=area, as_of=AS_OF)
        assert report.ok, report.errors[:3]
        areas.append(area)
    # What real records hold besides the generator's tidy values: blanks, lower case, padding,
    # people with no date of birth, and a corrected and a removed event.
    people = list(Person.objects.filter(local_area__in=areas).order_by("pk"))
    for n, person in enumerate(people[::7]):
        person.sex = [" f", "m ", "X", "", None][n % 5]
        person.ethnicity = ["wbri", "ZZZZ", "", None, " BAF"][n % 5]
        person.primary_need = ["", None, "ASD", "PMLD"][n % 4]
        person.setting_urn = ["", None, "100001"][n % 3]
        if n % 6 == 0:
            person.date_of_birth = None
        person.save()
    decisions = CaseEvent.objects.filter(case__local_area=areas[0], type="assessment_decision").order_by("pk")
    first, second = decisions[0], decisions[1]
    CaseEvent.objects.create(
        case=first.case,
        type=first.type,
        date=first.date,
        data={**first.data, "outcome": "refuse" if first.data.get("outcome") != "refuse" else "assess"},
        position=first.position,
        supersedes=first,
        reason="Wrong outcome",
    )
    CaseEvent.objects.create(
        case=second.case, type=CaseEvent.REMOVED, data={"type": "removed"}, supersedes=second, reason="Twice"
    )
    return areas


@pytest.mark.parametrize("as_of", [AS_OF, date(2025, 6, 30), date(2024, 2, 29)])
def test_every_tally_of_every_area_equals_the_row_by_row_count(three_areas, as_of, monkeypatch):
    # every count in a batch of two areas and a batch of one
    monkeypatch.setattr(tally_sql, "BY_BATCH", tuple((statement, 2) for statement, _ in tally_sql.BY_BATCH))
    together = case_tallies_by_area([area.pk for area in three_areas], as_of)
    for area in three_areas:
        expected = case_tallies([area.pk], as_of)
        assert len(expected) > 500
        got = together[area.pk]
        assert set(got) == set(expected), set(got) ^ set(expected)
        different = {key: (got[key], expected[key]) for key in expected if got[key] != expected[key]}
        assert not different


def _stored() -> set[tuple]:
    return set(
        KpiSummary.objects.values_list(
            "local_area_id", "kpi_id", "period", "dimension", "value_key", "numerator", "denominator", "value"
        )
    )


def test_refreshing_all_areas_at_once_stores_the_rows_each_area_refresh_stores(three_areas):
    for area in three_areas:
        refresh_row_by_row(area=area, as_of=AS_OF)
    one_by_one = _stored()
    reports = refresh_all(areas=three_areas, as_of=AS_OF)
    assert _stored() == one_by_one
    assert [report.rows for report in reports] == [
        KpiSummary.objects.filter(local_area=area).count() for area in three_areas
    ]
    assert SummaryRefresh.objects.filter(local_area__in=three_areas, as_of=AS_OF).count() == 3
    refresh_all(areas=three_areas, as_of=AS_OF)
    assert _stored() == one_by_one  # recomputed, never added to


def test_a_refresh_writes_only_the_rows_that_differ_and_leaves_every_row_right(three_areas):
    for area in three_areas:
        refresh_row_by_row(area=area, as_of=AS_OF)
    expected = _stored()
    refresh_all(areas=three_areas, as_of=date(2025, 6, 30))  # every row's date differs, most values too
    wrong = KpiSummary.objects.filter(local_area=three_areas[0]).exclude(value=None).order_by("pk")[0]
    KpiSummary.objects.filter(pk=wrong.pk).update(value=F("value") + 1)
    KpiSummary.objects.create(local_area=three_areas[1], kpi_id="requests_received", period="1999", value=3)
    KpiSummary.objects.filter(local_area=three_areas[2], dimension="").order_by("pk")[0].delete()
    refresh_all(areas=three_areas, as_of=AS_OF)
    assert _stored() == expected
    assert set(SummaryRefresh.objects.filter(local_area__in=three_areas).values_list("as_of", flat=True)) == {
        AS_OF
    }
    written = dict(KpiSummary.objects.values_list("pk", "refreshed_at"))
    refresh_all(areas=three_areas, as_of=AS_OF)
    assert dict(KpiSummary.objects.values_list("pk", "refreshed_at")) == written  # nothing rewritten
    assert _stored() == expected
    refresh_all(areas=three_areas, as_of=date(2026, 12, 2))  # a month later: most figures the same
    rewritten = {
        pk for pk, at in KpiSummary.objects.values_list("pk", "refreshed_at") if written.get(pk) != at
    }
    assert 0 < len(rewritten) < len(written) / 2


def test_a_refresh_of_its_own_counts_half_the_areas_on_a_second_connection(transactional_db, monkeypatch):
    areas = _three_areas()
    for area in areas:
        refresh_row_by_row(area=area, as_of=AS_OF)
    expected = _stored()
    KpiSummary.objects.filter(local_area=areas[2], dimension="").order_by("pk")[0].delete()
    KpiSummary.objects.filter(local_area=areas[1]).exclude(value=None).update(value=F("value") + 1)
    started = []
    start = second_connection.start
    monkeypatch.setattr(second_connection, "start", lambda *args: started.append(args) or start(*args))
    reports = refresh_all(areas=areas, as_of=AS_OF)
    assert len(started) == 1
    assert _stored() == expected
    stored_rows = [KpiSummary.objects.filter(local_area=area).count() for area in areas]
    assert [report.rows for report in reports] == stored_rows  # the second connection's areas too
    assert [SummaryRefresh.objects.get(local_area=area).rows for area in areas] == stored_rows
