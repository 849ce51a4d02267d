"""The dashboard, a KPI's page and the cases behind a figure, and who may see them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendtrack.performance.models import KpiSummary

pytestmark = pytest.mark.django_db


def test_manager_sees_a_tile_for_each_headline_kpi_with_its_value(client, manager, demo_area):
    client.force_login(manager)
    response = client.get(reverse("performance:dashboard"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Final EHC plans issued within 20 weeks, excluding exceptions" in text
    stored = KpiSummary.objects.get(local_area=demo_area, kpi_id="plans_issued", period="2026", dimension="")
    assert f"<strong>{stored.numerator}</strong>" in text
    assert "46.4%" in text  # England, 2024


def test_the_dashboard_reads_summaries_in_a_fixed_number_of_queries(
    client, manager, demo_area, django_assert_max_num_queries
):
    client.force_login(manager)
    # Guards against one query per tile: session, user, memberships, refresh, summaries, navigation.
    with django_assert_max_num_queries(12):
        assert client.get(reverse("performance:dashboard")).status_code == 200


def test_board_member_sees_area_figures(client, read_only_officer, demo_area):
    client.force_login(read_only_officer)
    assert client.get(reverse("performance:area-dashboard", args=["999"])).status_code == 200


@pytest.mark.parametrize("who", ["caseworker_elsewhere", "parent", "other_parent"])
def test_people_outside_the_area_get_404(client, request, who, demo_area):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("performance:area-dashboard", args=["999"])).status_code == 404
    assert client.get(reverse("performance:kpi", args=["999", "plans_issued"])).status_code == 404
    url = reverse("performance:kpi-cases", args=["999", "plans_issued"])
    assert client.get(url, {"period": "2025", "part": "numerator"}).status_code == 404


def test_kpi_page_has_definition_chart_data_table_and_breakdowns(client, manager, demo_area):
    client.force_login(manager)
    response = client.get(reverse("performance:kpi", args=["999", "final_plan_20wk_excl_exceptions"]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "regulation 13(3)" in text
    assert 'id="kpi-chart-data"' in text
    for breakdown in ("age at time of request", "primary need", "sex", "ethnicity"):
        assert f"By {breakdown}" in text
    assert "By mediation or appeal (local breakdown)" in text
    assert "Yes: counted as the DfE publishes it" in text
    assert "govuk-table" in text


def test_local_measures_are_marked_not_comparable(client, manager, demo_area):
    client.force_login(manager)
    text = client.get(reverse("performance:dashboard")).content.decode()
    assert text.count("Local measure, not comparable") >= 5
    page = client.get(reverse("performance:kpi", args=["999", "annual_review_12m"])).content.decode()
    assert "No: local measure, not comparable" in page


def test_the_cases_behind_a_figure_are_as_many_as_it_counts(client, manager, demo_area):
    client.force_login(manager)
    stored = KpiSummary.objects.get(
        local_area=demo_area, kpi_id="plans_without_review_12m", period="as_of", dimension=""
    )
    url = reverse("performance:kpi-cases", args=["999", "plans_without_review_12m"])
    numerator = client.get(url, {"period": "as_of", "part": "numerator"})
    denominator = client.get(url, {"period": "as_of", "part": "denominator"})
    assert numerator.context["page"].paginator.count == stored.numerator
    assert denominator.context["page"].paginator.count == stored.denominator


@pytest.mark.parametrize(
    "kpi_id,period",
    [
        ("final_plan_20wk_excl_exceptions", "2025"),
        ("assessment_decision_6wk", "2025"),
        ("annual_review_12m", "2025"),
        ("advice_6wk:health", "2025"),
    ],
)
def test_drill_down_counts_match_the_summary_for_each_need(client, manager, demo_area, kpi_id, period):
    client.force_login(manager)
    url = reverse("performance:kpi-cases", args=["999", kpi_id])
    rows = KpiSummary.objects.filter(local_area=demo_area, kpi_id=kpi_id, period=period, dimension="need")
    assert rows
    for row in rows:
        listed = client.get(
            url, {"period": period, "part": "numerator", "dimension": "need", "value": row.value_key}
        )
        # One row for each item the figure counts, a case counted twice listed twice.
        assert listed.context["page"].paginator.count == row.numerator


def test_board_member_sees_figures_but_no_child_in_the_case_list(client, read_only_officer, demo_area):
    client.force_login(read_only_officer)
    url = reverse("performance:kpi-cases", args=["999", "plans_issued"])
    response = client.get(url, {"period": "2025", "part": "numerator"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0


def test_api_lists_kpis_of_the_callers_area(client, manager, demo_area):
    client.force_login(manager)
    response = client.get("/api/kpis")
    assert response.status_code == 200
    ids = {k["id"] for k in response.json()["kpis"]}
    assert "final_plan_20wk_excl_exceptions" in ids
    client.force_login(manager)
    assert client.get("/api/kpis", {"area": "998"}).status_code == 404


def test_each_age_group_lists_the_cases_it_counts(client, manager, demo_area):
    client.force_login(manager)
    url = reverse("performance:kpi-cases", args=["999", "active_plans"])
    rows = KpiSummary.objects.filter(
        local_area=demo_area, kpi_id="active_plans", period="as_of", dimension="age_group"
    )
    assert len(rows) >= 3
    for row in rows:
        listed = client.get(
            url, {"period": "as_of", "part": "numerator", "dimension": "age_group", "value": row.value_key}
        )
        assert listed.context["page"].paginator.count == row.numerator, row.value_key


def test_figures_from_other_sources_have_no_case_list(client, manager, demo_area):
    client.force_login(manager)
    url = reverse("performance:kpi-cases", args=["999", "waiting_median_weeks:autism_assessment"])
    assert client.get(url, {"period": "as_of"}).status_code == 404
