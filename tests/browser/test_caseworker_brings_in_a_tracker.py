"""A caseworker brings in the team's spreadsheet tracker: checks the columns, reads the dry run,
imports, and finds a child's timeline built from the rows."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, sign_in
from tests.intake.tracker_workbook import workbook

pytestmark = pytest.mark.browser


def test_a_tracker_from_upload_to_timeline(page, live_server, area, council, caseworker, tmp_path):
    path = tmp_path / "northbridge-tracker.xlsx"
    path.write_bytes(workbook())
    sign_in(page, live_server, caseworker)
    page.goto(f"{live_server.url}/casework/")
    page.get_by_role("link", name="Bring in your own spreadsheet tracker").click()
    page.get_by_label("The tracker (.xlsx or .csv)").set_input_files(str(path))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.get_by_label("Date the final plan was issued").input_value() == "Plan Final issued"
    assert axe_violations(page, live_server) == []

    page.get_by_label("Primary need").select_option("")
    page.get_by_role("button", name="Check these columns").click()
    page.wait_for_load_state()
    assert "Would import 4 requests and 1 final plans for 3 children" in page.inner_text("main")
    page.get_by_role("button", name="Import the tracker").click()
    page.wait_for_load_state()
    assert "Imported 4 requests" in page.inner_text("main")

    page.goto(f"{live_server.url}/casework/cases/NB-T001/")
    main = page.inner_text("main")
    assert "Lily" in main and "Brown" in main
    assert "28 April 2025" in main
    assert axe_violations(page, live_server) == []
    assert page.console_errors == []
