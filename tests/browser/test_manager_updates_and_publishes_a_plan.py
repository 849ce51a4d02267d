"""A SEND manager imports the plan, changes one action's RAG rating with a reason, publishes, and the
public page shows the change."""

from __future__ import annotations

import pytest

from sendtrack.improvement.models import ApprovalStatus, ImprovementPlan
from tests.browser.conftest import sign_in
from tests.improvement import lancashire

# The improvement app's own URLs, so the journey does not depend on other apps' pages.
pytestmark = pytest.mark.browser


def test_manager_updates_and_publishes_a_plan(page, live_server, manager, area, tmp_path):
    path = tmp_path / "plan.xlsx"
    lancashire.write_xlsx(path, lancashire.plan_rows())
    sign_in(page, live_server, manager)

    page.goto(f"{live_server.url}/improvement/import/")
    page.get_by_label("Plan name").fill("Partnership improvement plan")
    page.get_by_label("Plan spreadsheet").set_input_files(str(path))
    page.get_by_role("button", name="Check the spreadsheet").click()
    assert "Would import 94 actions" in page.get_by_test_id("import-counts").inner_text()
    page.get_by_role("button", name="Import the plan").click()
    assert "94 actions." in page.get_by_test_id("summary-sentence").inner_text()

    plan = ImprovementPlan.objects.get(name="Partnership improvement plan")
    page.goto(f"{live_server.url}/improvement/{plan.pk}/publish/")
    page.get_by_label("Why are you publishing before the plan is approved?").fill(
        "DfE has not replied; families asked to see the plan"
    )
    page.get_by_role("button", name="Publish").click()
    public_url = f"{live_server.url}/improvement/public/{area.code}/{plan.pk}/"

    page.goto(f"{live_server.url}/improvement/{plan.pk}/actions/1.1/")
    page.get_by_label("RAG rating", exact=True).select_option("red")
    page.get_by_label("Progress update").fill("No lead officer has been appointed")
    page.get_by_label("Reason for a change of RAG rating").fill("The lead officer left in May")
    page.get_by_role("button", name="Record update").click()
    assert page.get_by_test_id("action-rag").inner_text() == "Red"
    assert "The lead officer left in May" in page.content()

    page.goto(public_url)
    assert "No lead officer has been appointed" not in page.content()
    assert ImprovementPlan.objects.get(pk=plan.pk).approval_status == ApprovalStatus.DRAFT

    page.goto(f"{live_server.url}/improvement/{plan.pk}/publish/")
    page.get_by_label("Why are you publishing before the plan is approved?").fill("Monthly update")
    page.get_by_role("button", name="Publish").click()

    page.context.clear_cookies()
    page.goto(public_url)
    assert "Version 2" in page.get_by_test_id("version-line").inner_text()
    assert "No lead officer has been appointed" in page.content()
    page.get_by_role("button", name="Show the changes").click()
    assert "The lead officer" not in page.content()  # the reason is internal; the update is public
    assert "No lead officer has been appointed" in page.content()
