"""What runs by itself, and when. Times are local (Europe/London), every day.

`sendtrack scheduler` starts the latest due run of each schedule that has not started yet, so a
scheduler that was down at 02:00 catches up when it returns, once. Two schedulers can run side by
side: the unique (schedule, due time) row lets only one of them start each run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from sendtrack.jobs.models import Job, JobKind, ScheduledRun


@dataclass(frozen=True)
class Schedule:
    name: str
    title: str
    kind: JobKind
    at: dt.time
    unit: str
    params: Callable[[dt.date], dict[str, Any]]

    def when(self) -> str:
        return f"Every day at {self.at:%H:%M}"

    def latest_due(self, now: dt.datetime) -> dt.datetime:
        local = timezone.localtime(now)
        today = timezone.make_aware(dt.datetime.combine(local.date(), self.at))
        return today if today <= local else today - dt.timedelta(days=1)

    def next_due(self, now: dt.datetime) -> dt.datetime:
        return self.latest_due(now) + dt.timedelta(days=1)


def _as_of(day: dt.date) -> dict[str, Any]:
    return {"as_of": day.isoformat()}


SCHEDULES = (
    Schedule(
        "nightly-kpi-refresh",
        "KPI refresh of every local area",
        JobKind.REFRESH_KPIS,
        dt.time(2, 0),
        "areas",
        _as_of,
    ),
    Schedule(
        "daily-retention",
        "Retention: erase records past their period",
        JobKind.RETENTION,
        dt.time(3, 0),
        "records",
        _as_of,
    ),
    Schedule(
        "nightly-sen2-check",
        "SEN2 return check of every local area, after retention",
        JobKind.SEN2_CHECK,
        dt.time(4, 0),
        "areas",
        _as_of,
    ),
    Schedule(
        "daily-family-updates",
        "Family update emails",
        JobKind.FAMILY_UPDATES,
        dt.time(7, 0),
        "emails",
        _as_of,
    ),
)
BY_NAME = {schedule.name: schedule for schedule in SCHEDULES}


def start_run(schedule: Schedule, due_at: dt.datetime) -> Job | None:
    """Start the run due at `due_at` unless it has started already (here or in another scheduler)."""
    from sendtrack.jobs.services import record_job

    try:
        with transaction.atomic(durable=True):
            job = record_job(
                kind=schedule.kind,
                by=None,
                schedule=schedule.name,
                unit=schedule.unit,
                **schedule.params(timezone.localtime(due_at).date()),
            )
            ScheduledRun.objects.create(schedule=schedule.name, due_at=due_at, job=job)
    except IntegrityError:
        return None
    return job


def start_due_runs(now: dt.datetime | None = None) -> list[Job]:
    now = now or timezone.now()
    started = []
    for schedule in SCHEDULES:
        due = schedule.latest_due(now)
        if ScheduledRun.objects.filter(schedule=schedule.name, due_at=due).exists():
            continue
        job = start_run(schedule, due)
        if job is not None:
            started.append(job)
    return started


def last_runs() -> dict[str, Job]:
    """Each schedule's most recent job (scheduled or started by hand from the schedules page)."""
    found: dict[str, Job] = {}
    for schedule in SCHEDULES:
        job = Job.objects.filter(schedule=schedule.name).order_by("-created_at").first()
        if job is not None:
            found[schedule.name] = job
    return found
