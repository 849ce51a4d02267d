"""The clock page: SEND managers and board members of the area see it; only managers change it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.improvement.models import Inspection, InspectionFramework
from sendtrack.inspection.forms import MISSING_TASK
from sendtrack.inspection.models import Notification, TaskDone
from tests.inspection.conftest import NOTIFIED_ON, date_parts


@pytest.fixture(autouse=True)
def in_the_first_week():
    with time_machine.travel(dt.datetime(2026, 5, 21, 12, tzinfo=dt.UTC)):
        yield


def test_a_manager_starts_the_clock_and_an_inspection_is_recorded(client, area, manager):
    client.force_login(manager)
    response = client.post(reverse("inspection:notifications"), date_parts("notified_on", 18, 5, 2026))
    notification = Notification.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inspection:clock", args=[notification.pk])
    inspection = Inspection.objects.get()
    assert (inspection.local_area, inspection.framework, inspection.started_on) == (
        area,
        InspectionFramework.AREA_SEND_2023,
        NOTIFIED_ON,
    )
    assert AuditEvent.objects.filter(verb=AuditVerb.INSPECTION_RECORDED, actor=manager).count() == 1


def test_the_clock_shows_each_task_with_its_date_in_words_and_what_is_late(client, notification, manager):
    client.force_login(manager)
    page = client.get(reverse("inspection:clock", args=[notification.pk])).content.decode()
    assert "Set-up discussion with inspectors" in page
    assert "20 May 2026" in page
    assert "26 May 2026" in page  # surveys close: the late-May bank holiday is skipped
    assert "2 June 2026 to 8 June 2026" in page
    assert "Late" in page  # the set-up discussion, due 20 May, is not marked done on 21 May
    assert "[U]" in page and "inspection/clock.py" in page


def test_a_manager_marks_a_task_done_with_an_audit_row(client, notification, manager):
    client.force_login(manager)
    response = client.post(
        reverse("inspection:mark-task-done", args=[notification.pk]),
        {"task": "set_up_discussion", **date_parts("done_on", 20, 5, 2026)},
    )
    assert response.status_code == 302
    done = TaskDone.objects.get()
    assert (done.task, done.done_on, done.recorded_by) == ("set_up_discussion", dt.date(2026, 5, 20), manager)
    assert AuditEvent.objects.filter(verb=AuditVerb.INSPECTION_TASK_DONE).count() == 1
    page = client.get(reverse("inspection:clock", args=[notification.pk])).content.decode()
    assert "Done</strong> 20 May 2026" in page


def test_marking_done_without_a_task_says_what_to_do_and_writes_nothing(client, notification, manager):
    client.force_login(manager)
    response = client.post(
        reverse("inspection:mark-task-done", args=[notification.pk]), date_parts("done_on", 20, 5, 2026)
    )
    assert response.status_code == 400
    assert MISSING_TASK in response.content.decode()
    assert not TaskDone.objects.exists()


def test_naming_the_children_sets_the_tracking_documents_due_date(client, notification, manager):
    client.force_login(manager)
    client.post(
        reverse("inspection:record-children-named", args=[notification.pk]),
        date_parts("named_on", 21, 5, 2026),
    )
    notification.refresh_from_db()
    assert notification.children_named_on == dt.date(2026, 5, 21)
    page = client.get(reverse("inspection:clock", args=[notification.pk])).content.decode()
    assert "26 May 2026" in page and "Two working days after the children are named" not in page


def test_a_board_member_sees_the_clock_but_cannot_change_it(client, notification, read_only_officer):
    client.force_login(read_only_officer)
    page = client.get(reverse("inspection:clock", args=[notification.pk]))
    assert page.status_code == 200
    assert "Mark a task done" not in page.content.decode()
    response = client.post(
        reverse("inspection:mark-task-done", args=[notification.pk]),
        {"task": "set_up_discussion", **date_parts("done_on", 20, 5, 2026)},
    )
    assert response.status_code == 403
    assert not TaskDone.objects.exists()


@pytest.mark.parametrize("who", ["caseworker", "caseworker_elsewhere", "parent", "health_advisor"])
def test_anyone_else_gets_no_clock(client, notification, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("inspection:clock", args=[notification.pk])).status_code == 404


def test_a_manager_elsewhere_sees_no_clock_of_this_area(client, notification, council_elsewhere):
    from sendtrack.accounts.models import Role
    from tests.factories import member

    elsewhere = member("manager@southmoor.example", Role.SEND_MANAGER, council_elsewhere, "Lee Moss")
    client.force_login(elsewhere)
    assert client.get(reverse("inspection:clock", args=[notification.pk])).status_code == 404
    assert "18 May 2026" not in client.get(reverse("inspection:notifications")).content.decode()
