"""What each kind of job does: a thin wrapper over the service that already does the work.

Each runner takes its Job (status running) and calls `finish`, or leaves it running when it has
fanned out parts that finish it. Files it makes go to Django's default storage (`save_result`),
shared by every web and worker process.

The queue sits low in the layers so that any app can start a job; the app that owns a kind of work
names its runner in its own `job_runners.py` (`register_runner`), which the jobs app imports when it
is ready, as the admin finds each app's `admin.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from sendtrack.jobs.models import Job, JobKind
from sendtrack.jobs.services import finish

if TYPE_CHECKING:
    from sendtrack.accounts.models import LocalArea, User


class JobOwnerGone(LookupError):
    """The local area or the person a job was started for was deleted before the job ran."""


def area_of(job: Job) -> LocalArea:
    """The area of a job started for one area (every kind but the national ones)."""
    if job.local_area is None:
        raise JobOwnerGone(f"The local area of job {job.pk} no longer exists")
    return job.local_area


def started_by(job: Job) -> User:
    """Who started a job that acts in their name (their access is checked and logged)."""
    if job.started_by is None:
        raise JobOwnerGone(f"The person who started job {job.pk} no longer has an account")
    return job.started_by


def save_result(job: Job, content: bytes, file_name: str) -> str:
    return default_storage.save(f"job-results/{job.pk}/{file_name}", ContentFile(content))


def retention(job: Job) -> None:
    from sendtrack.core.retention import apply_retention

    as_of = dt.date.fromisoformat(job.params["as_of"])
    with transaction.atomic():
        report = apply_retention(as_of=as_of, area=job.local_area, dry_run=False)
    finish(
        job,
        summary=(
            f"Erased {len(report.persons):,} records past their retention period; "
            f"{report.held:,} kept under legal hold; "
            f"{report.family_notifications:,} old update emails removed"
        ),
        done=len(report.persons),
    )


RUNNERS: dict[str, Callable[[Job], None]] = {JobKind.RETENTION: retention}


def register_runner(kind: str, runner: Callable[[Job], None]) -> None:
    """Name the function that runs jobs of `kind`."""
    RUNNERS[kind] = runner
