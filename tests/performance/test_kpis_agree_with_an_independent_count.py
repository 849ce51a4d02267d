"""The KPI values of a generated area agree with a count made straight from its case events."""

from __future__ import annotations

import pytest

from sendtrack.performance.counting import results_for
from sendtrack.performance.models import KpiSummary
from sendtrack.performance.services.refresh import area_tallies
from tests.performance import independent_count
from tests.performance.conftest import AS_OF

CHECKED = [
    "requests_received",
    "request_outcome:assessed",
    "request_outcome:refused",
    "request_outcome:withdrawn",
    "request_outcome:open",
    "plans_issued",
    "assessment_decision_6wk",
    "final_plan_20wk_incl_exceptions",
    "final_plan_20wk_excl_exceptions",
    "final_plan_over_20wk_within_year_incl_exceptions",
    "final_plan_over_20wk_within_year_excl_exceptions",
    "final_plan_over_year_incl_exceptions",
    "final_plan_over_year_excl_exceptions",
    "advice_6wk:health",
    "advice_6wk:education",
    "advice_6wk:social_care",
    "advice_6wk:educational_psychology",
]


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_yearly_kpis_match_a_count_from_the_events(demo_area, demo_case_files, year):
    expected = independent_count.count(demo_case_files, AS_OF, year)
    results = results_for(area_tallies([demo_area.pk], AS_OF), year=year)
    for kpi_id in CHECKED:
        numerator, denominator = expected.get(kpi_id, (0, 0))
        got = results.get(kpi_id)
        if numerator == 0 and denominator == 0:
            assert got is None or got["numerator"] == 0, kpi_id
            continue
        assert got is not None, kpi_id
        assert got["period"] == str(year)
        assert got["numerator"] == numerator, kpi_id
        assert (got["denominator"] or 0) == denominator, kpi_id
    for suffix in ("incl_exceptions", "excl_exceptions"):
        plans = expected[f"final_plan_20wk_{suffix}"][1]
        mean = results[f"final_plan_mean_weeks_{suffix}"]
        assert mean["denominator"] == plans
        assert mean["value"] == round(expected[f"days_{suffix}"][0] / plans / 7, 1)


def test_the_demo_area_has_enough_of_each_to_make_the_comparison_meaningful(demo_case_files):
    expected = independent_count.count(demo_case_files, AS_OF, 2025)
    assert expected["final_plan_20wk_incl_exceptions"][1] >= 20
    assert expected["final_plan_20wk_excl_exceptions"][1] < expected["final_plan_20wk_incl_exceptions"][1] + 1
    assert 0 < expected["final_plan_20wk_incl_exceptions"][0] < expected["final_plan_20wk_incl_exceptions"][1]


def test_plans_without_review_match_a_count_from_the_events(demo_area, demo_case_files):
    expected = independent_count.open_plans(demo_case_files, AS_OF)
    results = results_for(area_tallies([demo_area.pk], AS_OF))
    assert results["active_plans"]["numerator"] == expected["active"]
    assert results["plans_without_review_12m"]["numerator"] == expected["over_12"]
    assert results["plans_without_review_12m"]["denominator"] == expected["active"]
    assert results["plans_without_review_24m"]["numerator"] == expected["over_24"]


def test_stored_summaries_hold_the_same_figures_as_a_fresh_count(demo_area):
    fresh = results_for(area_tallies([demo_area.pk], AS_OF), year=2025)
    stored = KpiSummary.objects.get(
        local_area=demo_area,
        kpi_id="final_plan_20wk_excl_exceptions",
        period="2025",
        dimension="",
        value_key="",
    )
    assert stored.numerator == fresh["final_plan_20wk_excl_exceptions"]["numerator"]
    assert stored.denominator == fresh["final_plan_20wk_excl_exceptions"]["denominator"]
