"""Issuing a draft emails each adviser of Section K with an address, through GOV.UK Notify (a local
stand-in that checks the key's JWT and answers as Notify does); a refused address is kept and shown."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from sendtrack.ehcplan.models import AgencyConfirmation, PlanKind
from sendtrack.ehcplan.services import issue_plan, save_plan, start_plan
from sendtrack.messaging.models import MessageKind, UndeliveredMessage
from tests.ehcplan.plans import good_plan
from tests.messaging.fake_notify import API_KEY, TEMPLATES, FakeNotify

pytestmark = pytest.mark.django_db

ADDRESSES = {
    "Community paediatrician": "paediatrics@nhs.example",
    "Oakfield Primary School SENCO": "senco@bounce.example",  # Notify refuses this one
}


@pytest.fixture
def notify(settings):
    with FakeNotify() as server:
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_BASE_URL = server.url
        settings.NOTIFY_TEMPLATES = dict(TEMPLATES)
        yield server


def text(response) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split()))


def write_draft(case, caseworker):
    plan = good_plan()
    plan.advice = [dataclasses.replace(a, email=ADDRESSES.get(a.adviser, "")) for a in plan.advice]
    version = start_plan(case=case, by=caseworker)
    save_plan(version=version, by=caseworker, plan=plan, reason="Written")
    return version


def test_each_adviser_with_an_address_is_asked_and_a_refusal_is_kept_and_shown(
    notify, client, child_case, caseworker, django_capture_on_commit_callbacks
):
    version = write_draft(child_case, caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        issue_plan(version=version, by=caseworker, on=dt.date(2026, 3, 16), kind=PlanKind.DRAFT)

    sent = {r["body"]["email_address"]: r for r in notify.requests}
    assert set(sent) == set(ADDRESSES.values())  # social care's adviser gave no address
    health = sent["paediatrics@nhs.example"]
    assert (health["path"], health["status"]) == ("/v2/notifications/email", 201)
    assert health["body"]["template_id"] == TEMPLATES["plan_confirmation"]
    fields = health["body"]["personalisation"]
    assert set(fields) == {"subject", "body", "name", "link", "due"}
    assert fields["name"] == "Community paediatrician" and fields["due"] == "26 March 2026"
    assert fields["link"].endswith("/plans/cases/NB-0001/")
    assert "health part (sections C and G)" in fields["body"]
    assert "Lily Brown (case NB-0001)" in fields["body"]
    assert health["body"]["reference"] == "NB-0001-plan-1-health"

    kept = UndeliveredMessage.objects.get()
    assert (kept.kind, kept.address, kept.status_code) == (
        MessageKind.PLAN_CONFIRMATION,
        "senco@bounce.example",
        400,
    )
    asked = {c.agency: c.asked_by_email for c in AgencyConfirmation.objects.filter(version=version)}
    assert asked["health"] == [
        {
            "name": "Community paediatrician",
            "address": "paediatrics@nhs.example",
            "delivered": True,
            "reason": "",
        }
    ]
    assert asked["education"][0]["delivered"] is False
    assert asked["social_care"] == []

    client.force_login(caseworker)
    page = text(client.get(f"/plans/cases/{child_case.case_ref}/"))
    assert "Asked Community paediatrician by email (paediatrics@nhs.example)" in page
    assert (
        "The email to Oakfield Primary School SENCO (senco@bounce.example) was not delivered: "
        "email_address Not a valid email address." in page
    )
    assert "senco@bounce.example" in text(client.get(reverse("messaging:undelivered")))


def test_without_notify_the_email_backend_sends_it(
    client, child_case, caseworker, mailoutbox, django_capture_on_commit_callbacks
):
    version = write_draft(child_case, caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        issue_plan(version=version, by=caseworker, on=dt.date(2026, 3, 16), kind=PlanKind.DRAFT)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(ADDRESSES.values())
    assert mailoutbox[0].subject.startswith("Please confirm the ")


def test_the_caseworker_gives_the_advisers_addresses_and_a_bad_one_is_refused(client, child_case, caseworker):
    version = write_draft(child_case, caseworker)
    client.force_login(caseworker)
    url = f"/plans/cases/{child_case.case_ref}/advice-emails/"
    form = text(client.get(url))
    assert "Community paediatrician (health advice)" in form
    version.refresh_from_db()
    advice = version.plan().advice
    fields = {f"email_{i}": a.email for i, a in enumerate(advice)}
    paediatrician = next(i for i, a in enumerate(advice) if a.adviser == "Community paediatrician")
    bad = client.post(url, {**fields, f"email_{paediatrician}": "not an address"})
    assert bad.status_code == 400
    assert "Enter Community paediatrician's email address like name@example.org" in text(bad)
    version.refresh_from_db()
    assert version.plan().advice[paediatrician].email == "paediatrics@nhs.example"
    assert client.post(url, {**fields, f"email_{paediatrician}": "Dr.Shah@NHS.example"}).status_code == 302
    version.refresh_from_db()
    assert version.plan().advice[paediatrician].email == "dr.shah@nhs.example"
    assert "(2 of 4 given)" in text(client.get(f"/plans/cases/{child_case.case_ref}/"))
