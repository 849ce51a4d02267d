"""The tasks the queue runs. A task takes only ids, so a queued job holds no personal data."""

from __future__ import annotations

import datetime as dt
import logging

from django_tasks import task

from sendtrack.jobs.models import Job

log = logging.getLogger("sendtrack.jobs")


@task()
def run_job(job_id: str) -> str:
    from sendtrack.jobs.runners import RUNNERS
    from sendtrack.jobs.services import begin, fail_unexpectedly

    job = Job.objects.select_related("local_area", "started_by").get(pk=job_id)
    if job.finished:
        return job.status
    begin(job)
    log.info("job started", extra={"job_id": job_id, "job_kind": job.kind})
    try:
        RUNNERS[job.kind](job)
    except Exception:
        log.exception("job failed", extra={"job_id": job_id, "job_kind": job.kind})
        fail_unexpectedly(job)
        raise
    return str(Job.objects.values_list("status", flat=True).get(pk=job_id))


@task()
def refresh_area_kpis(job_id: str, area_id: int, as_of: str | None) -> str:
    from sendtrack.accounts.models import LocalArea
    from sendtrack.jobs.services import count_one_done
    from sendtrack.performance.services.refresh import refresh_summaries

    area = LocalArea.objects.get(pk=area_id)
    report = refresh_summaries(area=area, as_of=dt.date.fromisoformat(as_of) if as_of else None)
    count_one_done(job_id)
    return report.summary()
