"""A SEND manager takes the inspectors' call: starts the clock, produces the lists, names the six
children, makes and downloads their packs, records the outcome and starts the priority action
plan; every page passes axe."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sendtrack.casework.models import Case
from sendtrack.casework.services import import_cases
from sendtrack.demo.generator import generate_cases
from sendtrack.improvement.models import ImprovementPlan
from sendtrack.inspection.models import TrackedChild
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser
NOTIFIED = dt.date(2026, 11, 23)  # a Monday


@pytest.fixture
def generated(area, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cases = list(generate_cases("999", 60, 7, dt.date(2026, 11, 1)))
    assert import_cases((json.dumps(c) for c in cases), area=area, as_of=dt.date(2026, 11, 1)).ok
    return area


def no_violations(page, live_server, where: str) -> None:
    found = axe_violations(page, live_server)
    assert found == [], f"{where}: {found}"


def test_manager_answers_an_area_send_inspection(page, live_server, manager, generated):
    sign_in(page, live_server, manager)

    # The call: the clock starts.
    page.goto(f"{live_server.url}/inspection/")
    page.get_by_label("Day").fill(str(NOTIFIED.day))
    page.get_by_label("Month").fill(str(NOTIFIED.month))
    page.get_by_label("Year").fill(str(NOTIFIED.year))
    page.get_by_role("button", name="Start the clock").click()
    assert page.get_by_role("heading", name="Inspection clock").is_visible()
    no_violations(page, live_server, "clock")

    # The lists for the information request.
    page.get_by_role("link", name="Produce List 1 and List 2 for the information request").click()
    assert "List 1: children and young people with an EHC plan" in page.content()
    no_violations(page, live_server, "lists")

    # Tracking: name a lead (the manager), then the six children the inspectors named.
    page.go_back()
    page.get_by_role("link", name="Tracking and case sampling: leads, children and packs").click()
    page.get_by_label("Name a lead").select_option(label=str(manager))
    page.get_by_role("button", name="Name as lead").click()
    six = list(
        Case.objects.filter(local_area=generated, events__type="final_plan_issued")
        .distinct()
        .order_by("case_ref")
        .values_list("case_ref", flat=True)[:6]
    )
    assert len(six) == 6
    for case_ref in six:
        page.get_by_label("Case reference of a child the inspectors named").fill(case_ref)
        page.get_by_role("button", name="Add the child").click()
        assert f"Case {case_ref} is added" in page.content()
    assert "Documents due to the inspectors by" in page.content()
    page.get_by_label(f"Consent for case {six[0]}").select_option("given")
    page.get_by_role("button", name=f"Record consent for case {six[0]}").click()
    no_violations(page, live_server, "tracking")

    # The packs: one job makes all six.
    page.get_by_role("button", name="Make the packs").click(timeout=240_000)  # six PDFs, made in the request
    assert page.get_by_text("Made 6 tracking packs").is_visible()
    no_violations(page, live_server, "job")
    page.get_by_role("link", name="Go to the tracking page to download the packs").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=f"PDF pack for case {six[0]}").click()
    assert download.value.suggested_filename == f"tracking-pack-{six[0]}.pdf"
    assert TrackedChild.objects.exclude(pack_pdf="").count() == 6

    # After the letter: the outcome, then the priority action plan it starts.
    page.goto(f"{live_server.url}/inspection/")
    page.get_by_role("link", name=NOTIFIED.strftime("%-d %B %Y"), exact=True).click()
    page.get_by_role("link", name="Record the outcome and the report's areas").click()
    page.get_by_label("Widespread and/or systemic failings").check()
    page.get_by_label("Day").fill("27")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Areas for priority action").fill(
        "NHS Northbridge ICB: reduce waits for speech and language therapy assessments\n"
        "Leaders across the partnership: issue EHC plans within 20 weeks"
    )
    page.get_by_label("Areas for improvement").fill("Improve the quality of EHC plans")
    no_violations(page, live_server, "outcome form")
    page.get_by_role("button", name="Record the outcome").click()
    assert "Monitoring inspection" in page.content()
    page.get_by_role("button", name="Start the priority action plan").click()
    plan = ImprovementPlan.objects.get(inspection__local_area=generated)
    assert [w.name for w in plan.workstreams.order_by("position")] == [
        "NHS Northbridge ICB: reduce waits for speech and language therapy assessments",
        "Leaders across the partnership: issue EHC plans within 20 weeks",
    ]
    no_violations(page, live_server, "priority action plan")
    assert plan.name in page.content()

    # The pages beside the journey: the self-evaluation, the census upload, the public page.
    page.goto(f"{live_server.url}/inspection/self-evaluation/999/")
    page.get_by_label(
        "What the partnership says about: Children and young people receive the right help"
    ).fill("We issue [kpi:final_plan_20wk_excl_exceptions] of plans within 20 weeks.")
    page.get_by_role(
        "button", name="Save the statement about: Children and young people receive the right help"
    ).click()
    assert "The statement is saved" in page.content()
    no_violations(page, live_server, "self-evaluation")
    page.goto(f"{live_server.url}/inspection/census-extract/")
    no_violations(page, live_server, "census upload")
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/public/999/")
    assert "Widespread and/or systemic failings" in page.content()
    no_violations(page, live_server, "public page")
