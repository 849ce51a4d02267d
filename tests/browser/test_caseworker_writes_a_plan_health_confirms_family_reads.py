"""A caseworker writes an EHC plan, sees a check fire and fixes it; health confirms; the final plan is issued;
the timeline shows it and the family reads it. No axe violations on the way."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sendtrack.casework import services
from sendtrack.casework.models import FamilyLink, Person
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser


def days_ago(n: int) -> str:
    return (dt.date.today() - dt.timedelta(days=n)).isoformat()


def save(page) -> None:
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 0, page.inner_text("main")


def test_a_plan_from_first_words_to_the_family(
    page, live_server, area, council, health_trust, caseworker, health_advisor, parent
):
    case = {
        "case_ref": "NB-0700",
        "person": {
            "ref": "P0700",
            "given_name": "Maya",
            "family_name": "Osei",
            "date_of_birth": "2017-02-01",
        },
        "events": [
            {"type": "request_received", "date": days_ago(120), "source": "parent"},
            {
                "type": "assessment_decision",
                "date": days_ago(85),
                "outcome": "assess",
                "panel": ["education", "health", "social_care"],
            },
            {"type": "advice_requested", "date": days_ago(84), "from": "health", "to": health_trust.name},
            {"type": "advice_received", "date": days_ago(50), "from": "health"},
        ],
    }
    assert services.import_cases([json.dumps(case)], area=area).ok
    person = Person.objects.get(ref="P0700")
    FamilyLink.objects.create(
        person=person,
        user=parent,
        relationship=FamilyLink.Relationship.PARENT,
        granted_by=caseworker,
        started_on=dt.date.today() - dt.timedelta(days=30),
    )

    sign_in(page, live_server, caseworker)
    page.goto(f"{live_server.url}/casework/cases/NB-0700/")
    page.get_by_role("link", name="The EHC plan: sections, checks and versions").click()
    page.get_by_role("button", name="Start writing the plan").click()
    page.wait_for_load_state()

    page.get_by_role("link", name="Add a need").click()
    page.get_by_label("Section", exact=True).select_option("C")
    page.get_by_label("The need").fill("Maya has epilepsy and needs her seizures recorded at school.")
    save(page)
    page.get_by_role("link", name="Add an outcome").click()
    page.get_by_label("The outcome").fill(
        "By July 2027, Maya will tell an adult before 4 in 5 of her seizures."
    )
    page.get_by_label("The needs it answers").fill("C1")
    save(page)

    page.get_by_role("link", name="Add provision").click()
    page.get_by_label("Section", exact=True).select_option("G")
    page.get_by_label("The support required").fill("Seizure care plan reviewed with school staff")
    page.get_by_label("Who provides it, with their qualification").fill("Epilepsy specialist nurse")
    page.get_by_label("The needs it meets").fill("C1")
    page.get_by_label("The outcomes it serves").fill("E1")
    live = page.locator("#live-checks")
    live.get_by_text("does not say how often or how long").wait_for()
    assert axe_violations(page, live_server) == []
    page.get_by_label("How often").fill("Once a term")
    page.get_by_label("How long each time").fill("1 hour")
    live.get_by_text("No check has found anything to change in this part so far").wait_for()
    save(page)

    page.get_by_role("link", name="Issue this version").click()
    page.get_by_label("Draft plan").check()
    page.get_by_label("Date issued").fill(days_ago(10))
    page.get_by_role("button", name="Issue the plan").click()
    page.wait_for_load_state()
    assert "Not confirmed yet" in page.inner_text("main")
    assert axe_violations(page, live_server) == []

    page.context.clear_cookies()
    sign_in(page, live_server, health_advisor)
    page.goto(f"{live_server.url}/plans/cases/NB-0700/")
    page.get_by_role("link", name="Confirm the health sections").click()
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()
    assert "Confirmed its sections on" in page.inner_text("main")

    page.context.clear_cookies()
    sign_in(page, live_server, caseworker)
    page.goto(f"{live_server.url}/plans/cases/NB-0700/")
    page.get_by_role("button", name="Start a new version").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Issue this version").click()
    page.get_by_label("Final plan").check()
    page.get_by_label("Date issued").fill(days_ago(1))
    page.get_by_role("button", name="Issue the plan").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/casework/cases/NB-0700/")
    assert "Final plan issued" in page.inner_text("main")

    page.context.clear_cookies()
    sign_in(page, live_server, parent)
    page.goto(f"{live_server.url}/family/NB-0700/")
    page.get_by_role("link", name="Read the final plan, section by section").click()
    main = page.inner_text("main")
    assert "Section G: Health care provision" in main
    assert "Seizure care plan reviewed with school staff" in main
    assert axe_violations(page, live_server) == []
    assert page.console_errors == []
