"""A caseworker records a whole assessment, request to final plan, and the tracker follows it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sendtrack.casework import services
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser


def days_ago(n: int) -> str:
    return (dt.date.today() - dt.timedelta(days=n)).isoformat()


def record(page, live_server, event_type: str, fields: dict[str, str], radios: tuple[str, ...] = ()) -> None:
    page.goto(f"{live_server.url}/casework/cases/NB-0500/")
    page.get_by_role("link", name=RECORD_LINKS[event_type], exact=True).first.click()
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    for label in radios:
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 0, page.inner_text("main")


RECORD_LINKS = {
    "request_received": "Request for assessment received",
    "assessment_decision": "Decision whether to assess",
    "advice_requested": "Advice requested",
    "advice_received": "Advice received",
    "draft_plan_issued": "Draft plan issued",
    "final_plan_issued": "Final plan issued",
}


def tracker_text(page, live_server) -> str:
    page.goto(f"{live_server.url}/casework/")
    return page.inner_text("#tracker-results")


def test_caseworker_records_a_whole_assessment(page, live_server, caseworker, area, council, health_trust):
    case = {
        "case_ref": "NB-0500",
        "person": {"ref": "P0500", "given_name": "Ella", "family_name": "Quinn"},
        "events": [],
    }
    assert services.import_cases([json.dumps(case)], area=area).ok
    sign_in(page, live_server, caseworker)

    assert "Ella Quinn" not in tracker_text(page, live_server)

    record(page, live_server, "request_received", {"Date": days_ago(120)}, radios=("A parent",))
    assert "Ella Quinn" in tracker_text(page, live_server)
    assert "Received" in page.inner_text("#tracker-table")

    record(page, live_server, "assessment_decision", {"Date": days_ago(84)}, radios=("Assess",))
    record(page, live_server, "advice_requested", {"Date": days_ago(83)}, radios=("Health",))
    text = tracker_text(page, live_server)
    assert "Assessing" in text and "Health advice" in text

    record(page, live_server, "advice_received", {"Date": days_ago(50)}, radios=("Health",))
    assert "Awaiting decision to issue" in tracker_text(page, live_server)

    record(page, live_server, "draft_plan_issued", {"Date": days_ago(40)})
    assert "Draft issued" in tracker_text(page, live_server)

    record(page, live_server, "final_plan_issued", {"Date": days_ago(10)})
    assert "Ella Quinn" not in tracker_text(page, live_server)
    page.goto(f"{live_server.url}/casework/?stage=final_issued")
    assert "Ella Quinn" in page.inner_text("#tracker-results")

    page.goto(f"{live_server.url}/casework/cases/NB-0500/")
    assert page.inner_text("#case-stage") == "Final plan issued"
    milestones = page.inner_text("#milestones")
    assert "Final plan issued" in milestones and "reg. 13(2)" in milestones
    assert axe_violations(page, live_server) == []
    assert page.console_errors == []
