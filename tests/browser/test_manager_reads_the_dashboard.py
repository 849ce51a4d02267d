"""A SEND manager reads the performance dashboard, opens a KPI's chart and the cases behind it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sendtrack.casework.services import import_cases
from sendtrack.demo.generator import generate_cases
from sendtrack.performance.services.refresh import refresh_summaries
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser
AS_OF = date(2026, 11, 2)


@pytest.fixture
def area_with_figures(area):
    lines = (json.dumps(case) for case in generate_cases("999", 120, 3, AS_OF))
    assert import_cases(lines, area=area, as_of=AS_OF).ok
    refresh_summaries(area=area, as_of=AS_OF)
    return area


def test_manager_reads_the_dashboard(page, live_server, manager, area_with_figures):
    sign_in(page, live_server, manager)
    page.get_by_role("link", name="Performance").first.click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text() == "Performance"
    assert page.get_by_role(
        "link", name="Final EHC plans issued within 20 weeks, excluding exceptions"
    ).is_visible()
    assert axe_violations(page, live_server) == []

    page.get_by_role("link", name="Final EHC plans issued within 20 weeks, excluding exceptions").click()
    page.wait_for_load_state()
    chart = page.locator("canvas#kpi-chart")
    assert chart.is_visible()
    assert chart.bounding_box()["height"] > 100
    assert page.locator("table.govuk-table").first.is_visible()
    assert axe_violations(page, live_server) == []

    page.locator("a[href*='/cases/?period=']").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("table").count() >= 1
    assert axe_violations(page, live_server) == []
    assert page.console_errors == []
