"""The scheduler starts each schedule's run once when due, catches up after downtime, never twice;
administrators see each schedule with its last run and can run one now."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from sendtrack.jobs.models import Job, JobKind, JobStatus, ScheduledRun
from sendtrack.jobs.schedules import BY_NAME, start_due_runs, start_run

LONDON = dt.timezone(dt.timedelta(hours=0))  # 16 March is before British Summer Time starts


@pytest.fixture(autouse=True)
def setup(immediate_jobs, media):
    pass


def at(hour: int, minute: int = 0, day: int = 16) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=LONDON)


def test_each_schedule_starts_once_for_its_latest_due_time(area, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = start_due_runs(at(7, 30))
        again = start_due_runs(at(7, 45))

    assert sorted(job.schedule for job in first) == [
        "daily-family-updates",
        "daily-retention",
        "nightly-kpi-refresh",
        "nightly-sen2-check",
    ]
    assert again == []
    kpi = Job.objects.get(schedule="nightly-kpi-refresh")
    assert kpi.kind == JobKind.REFRESH_KPIS and kpi.params == {"as_of": "2026-03-16"}
    assert kpi.status == JobStatus.DONE
    assert ScheduledRun.objects.get(job=kpi).due_at == at(2)


def test_before_seven_the_family_updates_due_are_yesterdays(area, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start_due_runs(at(6, 59))

    updates = ScheduledRun.objects.get(schedule="daily-family-updates")
    assert updates.due_at == at(7, day=15) and updates.job.params == {"as_of": "2026-03-15"}


def test_a_second_scheduler_cannot_start_the_same_run(area, django_capture_on_commit_callbacks):
    schedule = BY_NAME["daily-retention"]
    with django_capture_on_commit_callbacks(execute=True):
        assert start_run(schedule, at(3)) is not None
        assert start_run(schedule, at(3)) is None

    assert Job.objects.filter(schedule="daily-retention").count() == 1


def test_the_scheduler_command_once_starts_what_is_due(transactional_db, area, capsys):
    """Transactional: the command closes stale connections between looks, as a long-running process must."""
    with time_machine.travel(at(8), tick=False):
        call_command("scheduler", "--once")

    out = capsys.readouterr().out
    assert "nightly-kpi-refresh: Every day at 02:00" in out
    assert out.count("Started ") == 4


def test_administrators_see_each_schedule_with_its_last_run_and_can_run_one_now(
    client, administrator, manager, area, django_capture_on_commit_callbacks
):
    url = reverse("jobs:schedules")
    client.force_login(manager)
    assert client.get(url).status_code == 403
    with time_machine.travel(at(8), tick=False), django_capture_on_commit_callbacks(execute=True):
        start_due_runs(at(8))

    with time_machine.travel(at(9), tick=False):
        client.force_login(administrator)
        page = client.get(url).content.decode()
    assert "KPI refresh of every local area" in page and "Every day at 02:00" in page
    assert page.count("16 March 2026, 08:00</a>: Finished") == 4
    assert "17 March 2026, 02:00" in page

    with time_machine.travel(at(9), tick=False), django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"schedule": "nightly-kpi-refresh"})
    job = Job.objects.filter(schedule="nightly-kpi-refresh", started_by=administrator).get()
    assert response.url == reverse("jobs:job", args=[job.pk]) and job.status == JobStatus.DONE
