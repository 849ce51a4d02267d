from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from sendtrack.casework import services
from sendtrack.portal.models import FamilyNotification, NotificationKind
from sendtrack.portal.services.notifications import send_family_updates

TODAY = dt.date(2026, 3, 16)


def test_a_late_step_is_emailed_once(child_case, family_link, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = send_family_updates(as_of=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        again = send_family_updates(as_of=TODAY)

    assert first.milestone_overdue == 1 and again.total == 0
    assert len(mailoutbox) == 1
    assert (
        "Oakfield Primary School is late. This was due on 7 March 2026. It is 9 days late."
        in mailoutbox[0].body
    )
    assert "/family/NB-0001/" in mailoutbox[0].body


def test_a_completed_step_is_emailed(
    child_case, family_link, caseworker, mailoutbox, django_capture_on_commit_callbacks
):
    send_family_updates(as_of=TODAY)
    services.record_event(
        case=child_case,
        by=caseworker,
        event={"type": "advice_received", "date": "2026-03-16", "from": "health"},
    )

    with django_capture_on_commit_callbacks(execute=True):
        counts = send_family_updates(as_of=TODAY)

    assert counts.milestone_completed == 1
    assert "Done on 16 March 2026. This was on time" in mailoutbox[-1].body


def test_nothing_has_changed_is_sent_after_4_quiet_weeks_and_not_before(
    child_case, family_link, mailoutbox, django_capture_on_commit_callbacks
):
    last_news = dt.date(2026, 3, 30)
    assert send_family_updates(as_of=last_news).milestone_overdue == 2  # the school's reply and health advice
    assert send_family_updates(as_of=last_news + dt.timedelta(days=27)).total == 0

    with django_capture_on_commit_callbacks(execute=True):
        counts = send_family_updates(as_of=last_news + dt.timedelta(days=28))

    assert counts.no_change == 1
    assert "Nothing has changed in the last 4 weeks" in mailoutbox[-1].body
    assert "Next: Reply from Oakfield Primary School." in mailoutbox[-1].body
    assert send_family_updates(as_of=last_news + dt.timedelta(days=28)).total == 0


def test_the_command_reports_counts_and_a_dry_run_sends_nothing(child_case, family_link, capsys, mailoutbox):
    call_command("send_family_updates", "--as-of", "2026-03-16", "--dry-run")
    assert "Would send 1 emails: 0 steps completed, 1 steps late, 0 with no change" in capsys.readouterr().out
    assert not FamilyNotification.objects.exists()

    call_command("send_family_updates", "--as-of", "2026-03-16")
    assert FamilyNotification.objects.filter(kind=NotificationKind.MILESTONE_OVERDUE).count() == 1


def test_other_parents_get_no_email_about_a_child_not_theirs(
    child_case, family_link, other_parent, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_family_updates(as_of=TODAY)
    assert all(other_parent.email not in message.to for message in mailoutbox)
