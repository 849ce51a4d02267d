"""The tasks the queue runs. A task takes only ids, so a queued job holds no personal data."""

from __future__ import annotations

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
