"""The forecast page: managers and the board see it once the forecast has beaten its baselines."""

from __future__ import annotations

from django.urls import reverse

from tests.forecast.history import TRUST


def test_the_manager_sees_breaches_by_month_queues_and_what_ifs(client, manager, checked):
    client.force_login(manager)

    response = client.get(reverse("forecast:forecast"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Forecast of final plans missing 20 weeks" in body
    assert 'id="forecast-months"' in body and "April 2026" in body and "May 2026" in body
    assert f"Health advice from {TRUST}" in body
    assert "If health advice took at most the 6 weeks allowed from now" in body
    assert 'id="forecast-backtest"' in body and 'id="forecast-calibration"' in body
    assert "forecast-withheld" not in body


def test_the_board_member_sees_the_forecast_too(client, read_only_officer, checked):
    client.force_login(read_only_officer)

    response = client.get(reverse("forecast:area-forecast", args=["999"]))

    assert response.status_code == 200 and 'id="forecast-months"' in response.content.decode()


def test_a_forecast_never_checked_against_the_past_is_not_shown(client, manager, history):
    client.force_login(manager)

    body = client.get(reverse("forecast:forecast")).content.decode()

    assert "it has not been checked against this area's past" in body
    assert 'id="forecast-months"' not in body and "If health advice" not in body


def test_a_forecast_that_did_not_beat_the_baselines_is_not_shown_and_the_page_says_so(
    client, manager, failed_check
):
    client.force_login(manager)

    body = client.get(reverse("forecast:forecast")).content.decode()

    assert "did not predict missed 20 weeks limits better than both simple baselines" in body
    assert 'id="forecast-months"' not in body
    assert 'id="forecast-backtest"' in body and "0.260" in body


def test_another_areas_staff_and_parents_cannot_read_the_forecast(
    client, caseworker_elsewhere, other_parent, checked
):
    for user in (caseworker_elsewhere, other_parent):
        client.force_login(user)
        assert client.get(reverse("forecast:area-forecast", args=["999"])).status_code == 404
