"""Family update emails as a job: the runner the job queue finds and calls."""

from __future__ import annotations

import datetime as dt

from sendtrack.jobs.models import Job, JobKind
from sendtrack.jobs.runners import register_runner
from sendtrack.jobs.services import finish


def family_updates(job: Job) -> None:
    from sendtrack.portal.services.notifications import send_family_updates

    as_of = dt.date.fromisoformat(job.params["as_of"])
    counts = send_family_updates(as_of=as_of, area=job.local_area)
    finish(
        job,
        summary=(
            f"Sent {counts.total:,} update emails: {counts.milestone_completed:,} steps completed, "
            f"{counts.milestone_overdue:,} overdue, {counts.no_change:,} with no change"
        ),
        done=counts.total,
    )


register_runner(JobKind.FAMILY_UPDATES, family_updates)
