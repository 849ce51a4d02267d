"""A SEND manager reads the forecast page, then sorts the tracker by the risk of missing 20 weeks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sendtrack.forecast.models import BacktestReport
from sendtrack.forecast.services import refresh_forecast
from tests.browser.conftest import axe_violations, sign_in
from tests.casework.conftest import import_objects
from tests.forecast.history import open_request, past_requests

pytestmark = pytest.mark.browser


@pytest.fixture
def area_with_forecast(area, council, health_trust):
    today = timezone.localdate()
    objects = [
        *past_requests(60, today),
        open_request("NB-9001", today - timedelta(weeks=15), today, health_in=False),
        open_request("NB-9002", today - timedelta(weeks=15), today, health_in=True),
        open_request("NB-9003", today - timedelta(weeks=6), today, health_in=False),
    ]
    for n, obj in enumerate(objects):
        obj["person"] = {"ref": f"P{n:04d}", "given_name": f"Child{n}", "family_name": "Forecast"}
    import_objects(objects, area)
    refresh_forecast(area=area, as_of=today)
    scores = {
        "n": 120,
        "brier": 0.19,
        "brier_overall_baseline": 0.24,
        "brier_stage_baseline": 0.23,
        "calibration": [[0.25, 0.2, 50], [0.55, 0.6, 40], [0.85, 0.8, 30]],
    }
    BacktestReport.objects.create(
        local_area=area,
        first=date(2025, 6, 1),
        last=date(2025, 7, 1),
        report={"as_of_dates": ["2025-06-01", "2025-07-01"], "steps": {"final_plan": scores}},
        beats_baselines=True,
    )
    return area


def test_manager_reads_the_forecast_and_sorts_the_tracker_by_risk(
    page, live_server, manager, area_with_forecast
):
    sign_in(page, live_server, manager)
    page.get_by_role("link", name="Forecast").first.click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text() == "Forecast of final plans missing 20 weeks"
    assert page.locator("canvas#forecast-months-chart").bounding_box()["height"] > 100
    assert page.locator("table#forecast-months tbody tr").count() == 3
    assert (
        page.locator("table#forecast-queues")
        .get_by_text("Northbridge Community Health NHS Trust")
        .is_visible()
    )
    assert axe_violations(page, live_server) == []

    page.get_by_role("link", name="Tracker").first.click()
    page.wait_for_load_state()
    page.get_by_label("Sort by").select_option("risk")
    expect(page.locator("#tracker-table caption")).to_contain_text("most likely to miss 20 weeks first")

    first_row = page.locator("#tracker-table tbody tr").first
    assert "NB-9001" in first_row.inner_text()
    assert "Likely late because health advice" in first_row.inner_text()
    assert axe_violations(page, live_server) == []
    assert page.console_errors == []
