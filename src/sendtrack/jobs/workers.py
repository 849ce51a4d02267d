"""Workers say they are alive; a job whose worker went silent is queued again for another.

django-tasks' database worker claims a task by marking it running with its worker id. If that
process is killed (a deploy, the machine running out of memory), the task would stay "running" for
ever. Every worker writes a heartbeat row every few seconds and, at the same time, puts back on the
queue any running task whose worker has been silent for WORKER_STALE_SECONDS. Jobs are written to
give the same result when run again (an import is one transaction; a refresh recomputes).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import uuid

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sendtrack.jobs.models import Job, JobStatus, WorkerHeartbeat

log = logging.getLogger("sendtrack.jobs")


def heartbeat_seconds() -> float:
    """Several beats fit in the silence that counts as dead."""
    return max(0.5, min(5.0, settings.WORKER_STALE_SECONDS / 4))


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"host": socket.gethostname(), "seen_at": timezone.now()}
    )


def requeue_abandoned(*, stale_seconds: int | None = None) -> int:
    """Put back on the queue every running task whose worker has not been heard from; return how many."""
    stale = settings.WORKER_STALE_SECONDS if stale_seconds is None else stale_seconds
    cutoff = timezone.now() - dt.timedelta(seconds=stale)
    alive = set(WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))
    requeued = 0
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    for result in running.only("id", "worker_ids", "args_kwargs"):
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue
        if DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        ):
            requeued += 1
            job_id = (result.args_kwargs.get("args") or [None])[0]
            log.warning(
                "requeued a task whose worker stopped",
                extra={"task": str(result.pk), "worker_id": (result.worker_ids or ["?"])[-1]},
            )
            if job_id:
                Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(status=JobStatus.QUEUED)
    WorkerHeartbeat.objects.filter(seen_at__lt=cutoff - dt.timedelta(days=1)).delete()
    return requeued


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str) -> None:
        super().__init__(name="sendtrack-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.every = heartbeat_seconds()
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopping.wait(self.every):
                try:
                    beat(self.worker_id)
                    requeue_abandoned()
                except DatabaseError:
                    log.warning("heartbeat could not be written", extra={"worker_id": self.worker_id})
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=self.every + 5)
