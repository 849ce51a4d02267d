"""The tracker's "risk of missing 20 weeks" column and sort, and the forecast on the person page."""

from __future__ import annotations

from django.urls import reverse


def test_sorted_by_risk_the_request_waiting_on_health_advice_comes_first_with_its_reason(
    client, caseworker, checked
):
    client.force_login(caseworker)

    body = client.get(reverse("casework:tracker"), {"sort": "risk"}).content.decode()

    assert "Risk of missing 20 weeks" in body
    # NB-9001: 15 weeks in, health advice outstanding; NB-9002: 15 weeks in, all advice in.
    assert body.index("NB-9001") < body.index("NB-9002")
    assert (
        "Likely late because health advice from Northbridge Community Health NHS Trust is outstanding" in body
    )


def test_the_default_order_is_still_soonest_breach_first(client, caseworker, checked):
    client.force_login(caseworker)

    body = client.get(reverse("casework:tracker")).content.decode()

    assert body.index("NB-9003") > body.index("NB-9001")
    assert "Risk of missing 20 weeks" in body


def test_no_risk_column_or_sort_until_the_forecast_has_beaten_its_baselines(client, caseworker, failed_check):
    client.force_login(caseworker)

    body = client.get(reverse("casework:tracker"), {"sort": "risk"}).content.decode()

    assert "Risk of missing" not in body and "Likely late because" not in body


def test_the_person_page_shows_the_forecast_beside_each_open_time_limit(client, caseworker, checked):
    client.force_login(caseworker)

    body = client.get(reverse("casework:person", args=["NB-9001"])).content.decode()

    assert 'id="forecast-final_plan"' in body and 'id="forecast-advicehealth"' in body
    assert "chance of being late" in body and "expected by" in body and "likely between" in body


def test_another_areas_caseworker_sees_neither_the_case_nor_its_forecast(
    client, caseworker_elsewhere, checked
):
    client.force_login(caseworker_elsewhere)

    assert client.get(reverse("casework:person", args=["NB-9001"])).status_code == 404
    assert "NB-9001" not in client.get(reverse("casework:tracker"), {"sort": "risk"}).content.decode()
