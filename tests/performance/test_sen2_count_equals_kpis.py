"""The DfE's count from sendtrack's own SEN2 return equals sendtrack's 20-week KPIs, year by year.

For generated areas (three seeds), each return from census 2024 to 2026 is exported, checked
against the project's XML Schema, and counted the way the DfE counts it (SEN2 notes §8); every
20-week KPI for calendar years 2023 to 2025, including and excluding exceptions, must equal it.
The same check on areas of 3,000 children is `bench/bench_sen2.py`.
"""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from lxml import etree

from sendtrack.casework.services import import_cases
from sendtrack.demo.generator import generate_cases
from sendtrack.interchange.sen2_count import count_timeliness
from sendtrack.performance.counting import results_for
from sendtrack.performance.sen2_renderer import census_date_for, write_return
from sendtrack.performance.services.refresh import area_tallies
from tests.performance.conftest import AS_OF
from tests.performance.sen2_schema import assert_valid

pytestmark = pytest.mark.django_db
YEARS = (2023, 2024, 2025)


def _assert_return_meets_kpis(area) -> int:
    plans = 0
    for year in YEARS:
        out = io.StringIO()
        report = write_return(
            area=area, census_date=census_date_for(year + 1), out=out, dmo="Y", dco="Y", dsco="Y"
        )
        assert report.errors == [], [str(item.issue.detail) for item in report.errors[:5]]
        xml = out.getvalue().encode()
        assert_valid(etree.fromstring(xml))
        dfe = count_timeliness(io.BytesIO(xml), year)
        kpis = results_for(area_tallies([area.pk], AS_OF), year=year)
        assert dfe.including.untimed == 0
        for suffix, band in (("incl_exceptions", dfe.including), ("excl_exceptions", dfe.excluding)):
            within = kpis[f"final_plan_20wk_{suffix}"]
            assert (within["numerator"], within["denominator"]) == (band.within_20_weeks, band.plans), (
                year,
                suffix,
            )
            late = kpis[f"final_plan_over_20wk_within_year_{suffix}"]["numerator"]
            assert late == band.over_20_weeks_within_year, (year, suffix)
            assert kpis[f"final_plan_over_year_{suffix}"]["numerator"] == band.over_a_year, (year, suffix)
            assert kpis[f"final_plan_mean_weeks_{suffix}"]["value"] == band.mean_weeks, (year, suffix)
        assert kpis["plans_issued"]["numerator"] == dfe.including.plans
        plans += dfe.including.plans
    return plans


def test_the_dfes_count_from_the_return_equals_the_kpis(demo_area):
    assert _assert_return_meets_kpis(demo_area) >= 40


@pytest.mark.parametrize("seed", [11, 23])
def test_the_same_holds_for_other_seeds(area, seed):
    cases = generate_cases("999", 150, seed, AS_OF)
    report = import_cases((json.dumps(case) for case in cases), area=area, as_of=AS_OF)
    assert report.ok, report.errors[:3]
    assert _assert_return_meets_kpis(area) >= 15


def test_a_plan_whose_decision_to_assess_fell_in_an_earlier_year_is_timed_from_its_request():
    from datetime import datetime

    from sendtrack.interchange.sen2 import Collection, person_record

    person = {
        "given_name": "Ann",
        "family_name": "Lee",
        "date_of_birth": "2015-02-01",
        "sex": "F",
        "upn_unknown": "UN2",
    }
    case = {
        "case_ref": "X3",
        "person": person,
        "events": [
            {"type": "request_received", "date": "2024-11-04", "source": "school"},
            {"type": "assessment_decision", "date": "2024-12-16", "outcome": "assess"},
            {"type": "final_plan_issued", "date": "2025-04-07", "setting": "131204"},
        ],
    }
    record = person_record(person, [case], Collection(date(2026, 1, 15), "999", "test", datetime(2026, 2, 2)))
    request = record["Requests"][0]
    assert request["RequestOutcome"] == "H"
    assert request["ReceivedDate"] == "2024-11-04"
    assert request["Assessment"]["AssessmentOutcomeDate"] == "2025-04-07"
