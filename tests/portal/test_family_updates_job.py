from __future__ import annotations

import pytest

from sendtrack.jobs.models import JobKind, JobStatus
from sendtrack.jobs.services import start_job


@pytest.fixture(autouse=True)
def jobs_in_process(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_the_family_updates_job_sends_each_due_email_once(
    area, child_case, family_link, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(kind=JobKind.FAMILY_UPDATES, by=None, area=area, unit="emails", as_of="2026-03-16")
    job.refresh_from_db()

    assert job.status == JobStatus.DONE
    assert job.summary == "Sent 1 update emails: 0 steps completed, 1 overdue, 0 with no change"
    assert [message.to for message in mailoutbox] == [["parent@example.org"]]
