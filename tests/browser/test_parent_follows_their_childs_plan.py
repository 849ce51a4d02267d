"""A parent follows their child's plan on a phone and on a desktop, and responds to the draft."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from sendtrack.casework import services
from sendtrack.casework.models import Case, FamilyLink
from sendtrack.portal.models import QuestionKind, Survey, SurveyQuestion
from sendtrack.portal.services.invitations import invitation_token, invite_family_member, link_family_member
from tests.browser.conftest import DESKTOP, PHONE, axe_violations, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def viewport(request) -> dict[str, int]:
    return request.param


def fits_the_screen(page) -> bool:
    """No sideways scrolling at this width, nor at 320 pixels (the narrowest phone we support)."""
    width = page.viewport_size
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 320, "height": 640})
    fits_narrow = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size(width)
    return fits and fits_narrow


def days_ago(count: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=count)).isoformat()


@pytest.fixture
def childs_case(area, council, health_trust, school, parent, caseworker) -> Case:
    """Ben's draft plan was sent 3 days ago: his family still has 12 days to respond."""
    case_file = {
        "case_ref": "NB-0002",
        "person": {
            "ref": "P0002",
            "given_name": "Ben",
            "family_name": "Carter",
            "date_of_birth": "2012-02-01",
        },
        "events": [
            {"type": "request_received", "date": days_ago(120), "source": "parent"},
            {"type": "assessment_decision", "date": days_ago(85), "outcome": "assess"},
            {
                "type": "advice_requested",
                "date": days_ago(84),
                "from": "health",
                "to": "Northbridge Community Health NHS Trust",
            },
            {"type": "advice_received", "date": days_ago(50), "from": "health"},
            {"type": "plan_decision", "date": days_ago(20), "outcome": "issue"},
            {"type": "draft_plan_issued", "date": days_ago(3)},
        ],
    }
    assert services.import_cases([json.dumps(case_file)], area=area).ok
    case = Case.objects.select_related("person").get(case_ref="NB-0002")
    link_family_member(
        person=case.person, user=parent, relationship=FamilyLink.Relationship.PARENT, granted_by=caseworker
    )
    return case


def test_a_parent_sees_their_childs_timeline_and_responds_to_the_draft(
    page, live_server, parent, childs_case
):
    sign_in(page, live_server, parent)

    assert page.get_by_role("heading", level=1).inner_text() == "Your family"
    assert axe_violations(page, live_server) == []
    page.get_by_role("link", name="See where Ben's plan is up to").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Ben's plan"
    assert "Waiting for: The council" in page.inner_text("main")
    assert "SEND Regulations 2014, regulation 13(2)" in page.inner_text("main")
    assert axe_violations(page, live_server) == []

    page.get_by_role("link", name="Read the draft plan and respond").click()
    page.wait_for_load_state()
    assert axe_violations(page, live_server) == []
    page.get_by_role("button", name="Send your response").click()
    page.wait_for_load_state()
    assert "Tell us what you think of the draft plan" in page.inner_text(".govuk-error-summary")
    assert axe_violations(page, live_server) == []

    page.get_by_label("What do you think of the draft plan?").fill("Ben needs speech therapy every week.")
    page.get_by_label("Which school or college would you like to be named in the plan? (optional)").fill(
        "Riverside Academy"
    )
    page.get_by_role("button", name="Send your response").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Response sent"
    assert axe_violations(page, live_server) == []
    assert fits_the_screen(page)
    assert page.console_errors == []


def test_another_parent_cannot_reach_the_child_by_changing_the_url(
    page, live_server, other_parent, childs_case
):
    sign_in(page, live_server, other_parent)

    for path in ("/family/NB-0002/", "/family/NB-0002/draft-plan/", "/family/NB-0002/draft-plan/document/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 404
        assert "Ben" not in page.inner_text("main")


def test_every_family_and_public_page_passes_an_accessibility_scan(
    page, live_server, area, parent, caseworker, childs_case
):
    survey = Survey.objects.create(local_area=area, title="How was your assessment?")
    SurveyQuestion.objects.create(
        survey=survey, text="How well did we listen to you?", kind=QuestionKind.SCALE
    )
    SurveyQuestion.objects.create(survey=survey, text="What could we do better?", kind=QuestionKind.TEXT)
    invitation = invite_family_member(
        person=childs_case.person,
        email="jo@example.org",
        full_name="Jo Carter",
        relationship="parent",
        by=caseworker,
    )
    for path in (
        "/public/",
        f"/public/{area.code}/",
        f"/family/accept-invitation/{invitation_token(invitation)}/",
        "/family/accept-invitation/not-a-token/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page, live_server) == [], path
        assert fits_the_screen(page), path

    sign_in(page, live_server, parent)
    for path in (
        "/family/",
        "/family/NB-0002/",
        "/family/NB-0002/draft-plan/",
        f"/family/NB-0002/survey/{survey.pk}/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page, live_server) == [], path
        assert fits_the_screen(page), path
    page.get_by_role("button", name="Send your answers").click()
    page.wait_for_load_state()
    assert axe_violations(page, live_server) == []
