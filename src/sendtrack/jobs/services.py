"""Starting jobs and recording what became of them. Each job is queued after its row commits."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sendtrack.accounts.models import LocalArea, User
from sendtrack.core.audit import audit
from sendtrack.core.models import AuditVerb
from sendtrack.jobs.models import Job, JobKind, JobStatus

if TYPE_CHECKING:
    from sendtrack.jobs.schedules import Schedule

log = logging.getLogger("sendtrack.jobs")
UNEXPECTED = (
    "The job stopped because of an unexpected error. Tell your administrator the job's reference: {ref}"
)


@transaction.atomic(durable=True)
def start_job(
    *,
    kind: JobKind,
    by: User | None,
    area: LocalArea | None = None,
    unit: str = "items",
    **params: Any,
) -> Job:
    """Record the job and queue it once the record is committed, so a worker always finds it."""
    return record_job(kind=kind, by=by, area=area, unit=unit, **params)


def record_job(
    *,
    kind: JobKind,
    by: User | None,
    area: LocalArea | None = None,
    schedule: str = "",
    unit: str = "items",
    **params: Any,
) -> Job:
    job = Job.objects.create(
        kind=kind, started_by=by, local_area=area, schedule=schedule, unit=unit, params=params
    )
    audit(
        actor=by,
        verb=AuditVerb.JOB_STARTED,
        local_area=area,
        detail={"job": str(job.pk), "kind": kind, "schedule": schedule},
    )
    transaction.on_commit(lambda: enqueue(job))
    return job


def enqueue(job: Job) -> None:
    from sendtrack.jobs.tasks import run_job

    log.info("job queued", extra={"job_id": str(job.pk), "job_kind": job.kind})
    run_job.enqueue(str(job.pk))


def begin(job: Job) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1, done=0
    )
    job.refresh_from_db()


def finish(job: Job, *, summary: str, errors: list[str] | None = None, **fields: Any) -> None:
    status = JobStatus.FAILED if errors else JobStatus.DONE
    Job.objects.filter(pk=job.pk).update(
        status=status, summary=summary, errors=errors or [], finished_at=timezone.now(), **fields
    )
    log.info("job finished", extra={"job_id": str(job.pk), "job_kind": job.kind})


def fail_unexpectedly(job: Job) -> None:
    finish(job, summary=UNEXPECTED.format(ref=job.pk), errors=[UNEXPECTED.format(ref=job.pk)])


def count_one_done(job_id: str) -> None:
    """One part of a fanned-out job is done; the last part to finish finishes the job."""
    Job.objects.filter(pk=job_id).update(done=F("done") + 1)
    Job.objects.filter(pk=job_id, status=JobStatus.RUNNING, done__gte=F("total")).update(
        status=JobStatus.DONE, finished_at=timezone.now()
    )


@transaction.atomic(durable=True)
def start_schedule_now(*, schedule: Schedule, by: User) -> Job:
    """An administrator runs a schedule's job now, outside its time; it counts as the schedule's last run."""
    return record_job(
        kind=schedule.kind,
        by=by,
        schedule=schedule.name,
        unit=schedule.unit,
        **schedule.params(timezone.localdate()),
    )
