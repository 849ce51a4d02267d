"""Family updates, invitations and decision letters through GOV.UK Notify (a local stand-in that
checks the API key's JWT and answers as Notify does); refused messages are logged and shown to staff."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging

import pytest
from django.urls import reverse

from sendtrack.messaging.backends import Message
from sendtrack.messaging.models import MessageKind, UndeliveredMessage
from sendtrack.messaging.services import send_message
from sendtrack.portal.services.notifications import send_family_updates
from tests.messaging.fake_notify import API_KEY, SERVICE_ID, TEMPLATES, FakeNotify

TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def notify(settings):
    with FakeNotify() as server:
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_BASE_URL = server.url
        settings.NOTIFY_TEMPLATES = dict(TEMPLATES)
        yield server


def test_a_family_update_goes_to_notify_with_its_template_and_fields(
    notify, family_link, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_family_updates(as_of=TODAY)

    assert mailoutbox == []
    [request] = notify.requests
    assert (request["path"], request["status"]) == ("/v2/notifications/email", 201)
    body = request["body"]
    assert body["email_address"] == "parent@example.org"
    assert body["template_id"] == TEMPLATES["family_update"]
    assert set(body["personalisation"]) == {"subject", "body", "name", "link"}
    assert "Oakfield Primary School is late" in body["personalisation"]["body"]
    assert body["personalisation"]["link"].endswith("/family/NB-0001/")
    assert not UndeliveredMessage.objects.exists()


def test_a_rejected_address_is_logged_without_it_and_shown_to_staff(
    notify, family_link, caseworker, client, django_capture_on_commit_callbacks
):
    family_link.user.email = "alex.morgan@bounce.example"
    family_link.user.save(update_fields=["email"])
    handler = next(h for h in logging.getLogger("sendtrack").handlers if h.name == "console")
    buffer = io.StringIO()
    previous, handler.stream = handler.stream, buffer
    try:
        with django_capture_on_commit_callbacks(execute=True):
            send_family_updates(as_of=TODAY)
    finally:
        handler.stream = previous

    assert notify.requests[0]["status"] == 400
    kept = UndeliveredMessage.objects.get()
    assert (kept.kind, kept.address, kept.user, kept.status_code) == (
        MessageKind.FAMILY_UPDATE,
        "alex.morgan@bounce.example",
        family_link.user,
        400,
    )
    assert kept.reason == "email_address Not a valid email address"
    lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
    refused = [line for line in lines if line["logger"] == "sendtrack.messages"]
    assert (
        refused and refused[0]["notify_status"] == 400 and refused[0]["notification_kind"] == "family_update"
    )
    assert "bounce.example" not in buffer.getvalue() and "Alex" not in buffer.getvalue()
    client.force_login(caseworker)
    page = client.get(reverse("messaging:undelivered")).content.decode()
    assert "alex.morgan@bounce.example" in page and "Not a valid email address" in page


def test_a_wrong_api_key_is_refused_by_notify_and_the_message_kept(notify, settings, area):
    settings.NOTIFY_API_KEY = f"sendtrack_test-{SERVICE_ID}-00000000-0000-4000-8000-000000000000"

    sent = send_message(
        Message(kind="invitation", subject="s", body="b", email="parent@example.org"), area=area
    )

    assert sent is False
    assert UndeliveredMessage.objects.get().reason == "Invalid token: API key not found"


def test_a_decision_letter_is_posted_with_its_address_lines(notify, area):
    letter = Message(
        kind=MessageKind.DECISION_LETTER,
        subject="Our decision about an EHC needs assessment",
        body="We have decided to carry out an assessment.",
        address_lines=("Alex Morgan", "12 Mill Lane", "Northbridge", "NB1 2AB"),
        reference="NB-0001-decision",
    )

    assert send_message(letter, area=area) is True
    [request] = notify.requests
    assert (request["path"], request["status"]) == ("/v2/notifications/letter", 201)
    assert request["body"]["personalisation"]["address_line_4"] == "NB1 2AB"
    assert request["body"]["reference"] == "NB-0001-decision"


def test_a_message_kind_without_a_template_is_kept_with_the_setting_to_fix(notify, settings, area):
    settings.NOTIFY_TEMPLATES = {}

    assert (
        send_message(Message(kind="invitation", subject="s", body="b", email="a@example.org"), area=area)
        is False
    )
    assert "NOTIFY_TEMPLATE_INVITATION" in UndeliveredMessage.objects.get().reason
    assert notify.requests == []


def test_other_areas_staff_do_not_see_undelivered_messages(client, caseworker_elsewhere, area):
    UndeliveredMessage.objects.create(
        kind="invitation", local_area=area, address="x@bounce.example", reason="r"
    )
    client.force_login(caseworker_elsewhere)

    assert "x@bounce.example" not in client.get(reverse("messaging:undelivered")).content.decode()
