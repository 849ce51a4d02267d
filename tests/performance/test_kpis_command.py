"""`sendtrack kpis --json` and `sendtrack refresh-kpis`."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sendtrack.performance.models import KpiSummary
from sendtrack.performance.services.refresh import refresh_summaries
from tests.performance.conftest import AS_OF

pytestmark = pytest.mark.django_db


def test_kpis_prints_value_numerator_and_denominator_keyed_by_kpi_id(demo_area):
    out = io.StringIO()
    call_command(
        "kpis", "--area", "999", "--year", "2025", "--as-of", AS_OF.isoformat(), "--json", stdout=out
    )
    results = json.loads(out.getvalue())
    for kpi_id in (
        "final_plan_20wk_incl_exceptions",
        "final_plan_20wk_excl_exceptions",
        "assessment_decision_6wk",
        "advice_6wk:health",
        "annual_review_12m",
        "review_decision_4wk",
        "amended_plan_8wk",
        "plans_without_review_12m",
        "plans_without_review_24m",
        "phase_transfer_on_time",
        "quorate_panel_decisions",
        "requests_received",
        "requests_refused_share",
        "open_requests",
        "primary_need_mix:ASD",
    ):
        assert {"value", "numerator", "denominator"} <= set(results[kpi_id]), kpi_id
    share = results["final_plan_20wk_excl_exceptions"]
    assert share["value"] == round(share["numerator"] / share["denominator"], 3)
    assert share["period"] == "2025"
    assert share["comparability"] == "as the DfE publishes it"
    assert results["annual_review_12m"]["comparability"] == "local measure, not comparable"
    assert results["final_plan_mean_weeks_excl_exceptions"]["comparability"] == "as the DfE publishes it"


def test_kpis_refuses_an_unknown_area(demo_area):
    with pytest.raises(CommandError, match="No local area has the code or name .123."):
        call_command("kpis", "--area", "123", stdout=io.StringIO())


def test_refreshing_twice_changes_nothing(demo_area):
    def snapshot():
        return sorted(
            KpiSummary.objects.filter(local_area=demo_area).values_list(
                "kpi_id", "period", "dimension", "value_key", "numerator", "denominator", "value"
            )
        )

    before = snapshot()
    refresh_summaries(area=demo_area, as_of=AS_OF)
    assert snapshot() == before
    out = io.StringIO()
    call_command("refresh_kpis", "--area", "999", "--as-of", AS_OF.isoformat(), stdout=out)
    assert "Refreshed 1 areas" in out.getvalue()
    assert snapshot() == before
