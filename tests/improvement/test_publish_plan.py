"""Publishing a plan: numbered frozen versions, a public page without sign-in, and what changed."""

from __future__ import annotations

import datetime as dt

import pytest

from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.improvement.models import ApprovalStatus, PlanVersion
from sendtrack.improvement.services.action_updates import record_action_update
from sendtrack.improvement.services.publication import (
    UNAPPROVED_NEEDS_REASON,
    PublicationRefused,
    change_approval_status,
    publish_plan,
)
from sendtrack.improvement.urls import PUBLIC_URL_NAMES


@pytest.fixture
def approved_plan(plan, manager):
    change_approval_status(plan=plan, status=ApprovalStatus.APPROVED, by=manager, on=plan.created_at.date())
    return plan


def test_a_plan_cannot_be_published_before_approval_without_a_reason(plan, manager):
    with pytest.raises(PublicationRefused, match=UNAPPROVED_NEEDS_REASON):
        publish_plan(plan=plan, by=manager)
    version = publish_plan(
        plan=plan, by=manager, unapproved_reason="DfE approval is delayed; families asked to see it"
    )
    assert version.unapproved_reason.startswith("DfE approval is delayed")


def test_publishing_freezes_numbered_versions(approved_plan, manager):
    first = publish_plan(plan=approved_plan, by=manager)
    action = approved_plan.actions.get(ref="1.1")
    record_action_update(action=action, by=manager, status="in_progress", rag="green", reason="Work began")
    second = publish_plan(plan=approved_plan, by=manager)

    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert first.snapshot["actions"][0]["status"] == "Not started"
    assert second.snapshot["actions"][0]["status"] == "In progress"
    approved_plan.refresh_from_db()
    assert approved_plan.approval_status == ApprovalStatus.PUBLISHED


def test_the_publish_page_asks_why_when_the_plan_is_not_approved(client, plan, manager):
    client.force_login(manager)
    response = client.post(f"/improvement/{plan.pk}/publish/", {"meeting": "", "unapproved_reason": ""})
    assert response.status_code == 400
    assert UNAPPROVED_NEEDS_REASON in response.content.decode()
    assert not PlanVersion.objects.exists()


def test_only_managers_publish(client, plan, read_only_officer):
    client.force_login(read_only_officer)
    response = client.post(f"/improvement/{plan.pk}/publish/", {"unapproved_reason": "Because"})
    assert response.status_code == 403


def test_a_draft_plan_is_never_on_the_public_pages(client, plan):
    assert plan.name not in client.get("/improvement/public/999/").content.decode()
    assert client.get(f"/improvement/public/999/{plan.pk}/").status_code == 404


def test_the_public_page_shows_the_latest_version_without_sign_in(client, approved_plan, manager):
    publish_plan(plan=approved_plan, by=manager)
    action = approved_plan.actions.get(ref="1.1")
    record_action_update(
        action=action,
        by=manager,
        status="in_progress",
        rag="green",
        reason="Work began",
        narrative="The strategy group has met",
    )

    before = client.get(f"/improvement/public/999/{approved_plan.pk}/").content.decode()
    assert "Version 1" in before and "The strategy group has met" not in before

    publish_plan(plan=approved_plan, by=manager)
    after = client.get(f"/improvement/public/999/{approved_plan.pk}/").content.decode()
    assert "Version 2" in after and "The strategy group has met" in after
    listing = client.get("/improvement/public/999/").content.decode()
    assert approved_plan.name in listing

    earlier = client.get(f"/improvement/public/999/{approved_plan.pk}/versions/1/").content.decode()
    assert "an earlier version" in earlier

    changes = client.get(f"/improvement/public/999/{approved_plan.pk}/changes/?from=1&to=2").content.decode()
    assert "Not started" in changes and "In progress" in changes and "1.1" in changes


def test_public_pages_are_listed_as_public():
    from sendtrack.accounts.public import public_url_names

    assert set(PUBLIC_URL_NAMES) <= public_url_names()
    assert "improvement:public-plan" in public_url_names()


def test_another_areas_code_does_not_show_the_plan(client, approved_plan, manager, other_area):
    publish_plan(plan=approved_plan, by=manager)
    assert client.get(f"/improvement/public/998/{approved_plan.pk}/").status_code == 404


def test_publishing_writes_exactly_one_audit_row(approved_plan, manager, meeting):
    before = AuditEvent.objects.count()
    version = publish_plan(plan=approved_plan, by=manager, meeting=meeting)

    event = AuditEvent.objects.get(verb=AuditVerb.PLAN_PUBLISHED)
    assert AuditEvent.objects.count() == before + 1
    assert (event.actor, event.local_area, event.subject_id) == (
        manager,
        approved_plan.local_area,
        str(approved_plan.pk),
    )
    assert event.detail == {"version": version.number, "meeting": meeting.pk, "before_approval": False}


def test_a_refused_publication_writes_no_audit_row(plan, manager):
    with pytest.raises(PublicationRefused):
        publish_plan(plan=plan, by=manager)
    assert not AuditEvent.objects.filter(verb=AuditVerb.PLAN_PUBLISHED).exists()


def test_a_change_of_approval_writes_one_audit_row_with_before_and_after(plan, manager):
    change_approval_status(plan=plan, status=ApprovalStatus.SUBMITTED, by=manager, on=dt.date(2019, 4, 1))

    event = AuditEvent.objects.get(verb=AuditVerb.PLAN_APPROVAL_CHANGED)
    assert event.detail["from"] == ApprovalStatus.DRAFT and event.detail["to"] == ApprovalStatus.SUBMITTED
    assert event.detail["on"] == "2019-04-01"


def test_an_action_update_writes_one_audit_row(plan, manager):
    action = plan.actions.get(ref="1.1")
    update = record_action_update(
        action=action, by=manager, status="in_progress", rag="green", reason="Began"
    )

    event = AuditEvent.objects.get(verb=AuditVerb.ACTION_UPDATED)
    assert (event.actor, event.local_area, event.subject_type) == (
        manager,
        plan.local_area,
        "improvement.action",
    )
    assert event.detail["update"] == update.pk and event.detail["status"] == ["not_started", "in_progress"]
