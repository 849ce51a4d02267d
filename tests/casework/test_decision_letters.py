"""Decision letters: recording a decision on an assessment or a plan writes to the family through the
messaging backend (GOV.UK Notify's loopback stand-in here), signed by who recorded it."""

from __future__ import annotations

import pytest

from sendtrack.casework.models import Case, FamilyLink
from sendtrack.casework.services import record_event
from sendtrack.casework.services.events import EventRejected
from sendtrack.messaging.models import MessageKind, UndeliveredMessage
from tests.casework.conftest import import_objects
from tests.messaging.fake_notify import API_KEY, REPLY_TO_ID, TEMPLATES, FakeNotify

NEW_REQUEST = {
    "case_ref": "NB-0007",
    "person": {"ref": "P0007", "given_name": "Maya", "family_name": "Khan", "date_of_birth": "2017-02-14"},
    "events": [{"type": "request_received", "date": "2026-02-02", "source": "parent"}],
}
NOT_TO_ASSESS = {"type": "assessment_decision", "date": "2026-03-09", "outcome": "refuse"}


@pytest.fixture
def notify(settings):
    with FakeNotify() as server:
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_BASE_URL = server.url
        settings.NOTIFY_TEMPLATES = dict(TEMPLATES)
        settings.NOTIFY_EMAIL_REPLY_TO_ID = REPLY_TO_ID
        settings.SITE_URL = "https://send.northbridge.example"
        yield server


@pytest.fixture
def new_request(area, council, health_trust, school) -> Case:
    import_objects([dict(NEW_REQUEST)], area)
    return Case.objects.select_related("person", "local_area").get(case_ref="NB-0007")


@pytest.fixture
def parents(new_request, parent, other_parent, caseworker) -> list[FamilyLink]:
    return [
        FamilyLink.objects.create(
            person=new_request.person, user=user, relationship="parent", granted_by=caseworker
        )
        for user in (parent, other_parent)
    ]


def decide(capture, case: Case, by, event: dict):
    with capture(execute=True):
        return record_event(case=case, by=by, event=dict(event))


def test_a_decision_not_to_assess_is_emailed_to_each_family_member_through_notify(
    notify, new_request, parents, caseworker, django_capture_on_commit_callbacks
):
    decide(django_capture_on_commit_callbacks, new_request, caseworker, NOT_TO_ASSESS)

    assert [r["path"] for r in notify.requests] == ["/v2/notifications/email"] * 2
    assert {r["body"]["email_address"] for r in notify.requests} == {
        "parent@example.org",
        "other.parent@example.org",
    }
    request = next(r for r in notify.requests if r["body"]["email_address"] == "parent@example.org")
    assert request["status"] == 201
    body = request["body"]
    assert body["template_id"] == TEMPLATES["decision_letter_email"]
    assert body["email_reply_to_id"] == REPLY_TO_ID
    assert body["reference"].startswith("NB-0007-assessment_decision-")
    fields = body["personalisation"]
    assert set(fields) == {"subject", "body", "name", "link", "sender_name", "sender_organisation"}
    assert fields["subject"] == "Our decision about an EHC needs assessment for Maya"
    assert (fields["name"], fields["sender_name"], fields["sender_organisation"]) == (
        "Alex Morgan",
        "Tom Ellis",
        "Northbridge Council",
    )
    assert fields["link"] == "https://send.northbridge.example/family/NB-0007/"
    letter = fields["body"]
    assert letter.startswith("Dear Alex Morgan,")
    assert (
        "On 9 March 2026 Northbridge Council decided not to carry out an education, health and care (EHC) "
        "needs assessment for Maya." in letter
    )
    assert "you can appeal to the First-tier Tribunal" in letter
    assert "within 2 months of the date of this letter" in letter
    assert letter.rstrip().endswith("Tom Ellis\nCaseworker, Northbridge Council")
    assert not UndeliveredMessage.objects.exists()


def test_a_decision_to_issue_a_plan_says_what_happens_next_and_offers_no_appeal(
    notify, child_case, family_link, manager, django_capture_on_commit_callbacks
):
    decide(
        django_capture_on_commit_callbacks,
        child_case,
        manager,
        {"type": "plan_decision", "date": "2026-03-12", "outcome": "issue"},
    )

    [request] = notify.requests
    letter = request["body"]["personalisation"]["body"]
    assert "decided to issue an education, health and care (EHC) plan" in letter
    assert "15 days to comment" in letter
    assert "appeal" not in letter
    assert letter.rstrip().endswith("Priya Shah\nSEND manager, Northbridge Council")


def test_other_events_send_no_letter(
    notify, child_case, family_link, caseworker, django_capture_on_commit_callbacks
):
    decide(
        django_capture_on_commit_callbacks,
        child_case,
        caseworker,
        {"type": "advice_requested", "date": "2026-03-12", "from": "social_care"},
    )

    assert notify.requests == []


def test_a_decision_that_is_not_recorded_sends_nothing(
    notify, new_request, parents, caseworker, django_capture_on_commit_callbacks
):
    with pytest.raises(EventRejected):
        decide(
            django_capture_on_commit_callbacks,
            new_request,
            caseworker,
            {**NOT_TO_ASSESS, "date": "2027-01-01"},
        )

    assert notify.requests == []


def test_without_notify_the_letter_goes_by_the_email_backend(
    settings, new_request, parents, caseworker, mailoutbox, django_capture_on_commit_callbacks
):
    settings.NOTIFY_API_KEY = ""

    decide(django_capture_on_commit_callbacks, new_request, caseworker, NOT_TO_ASSESS)

    assert sorted(m.to[0] for m in mailoutbox) == ["other.parent@example.org", "parent@example.org"]
    assert mailoutbox[0].subject == "Our decision about an EHC needs assessment for Maya"
    assert "Caseworker, Northbridge Council" in mailoutbox[0].body


def test_a_letter_notify_refuses_is_kept_for_staff(
    notify, settings, new_request, parents, caseworker, django_capture_on_commit_callbacks
):
    settings.NOTIFY_EMAIL_REPLY_TO_ID = "00000000-0000-0000-0000-000000000000"

    decide(django_capture_on_commit_callbacks, new_request, caseworker, NOT_TO_ASSESS)

    assert {r["status"] for r in notify.requests} == {400}
    refused = UndeliveredMessage.objects.order_by("address")
    assert [(m.kind, m.address, m.status_code) for m in refused] == [
        (MessageKind.DECISION_LETTER, "other.parent@example.org", 400),
        (MessageKind.DECISION_LETTER, "parent@example.org", 400),
    ]
    assert "email_reply_to_id" in refused[0].reason
    assert new_request.events.filter(type="assessment_decision").exists()  # the decision itself stands
