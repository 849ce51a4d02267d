"""Inspection tracking packs as a job: the runner the job queue finds and calls."""

from __future__ import annotations

from sendtrack.jobs.models import Job, JobKind
from sendtrack.jobs.progress import ProgressWriter, mark_total
from sendtrack.jobs.runners import register_runner, started_by
from sendtrack.jobs.services import finish

NOT_A_LEAD = "only the inspection's named leads make packs"
PACKS_WHERE = "download each from the inspection's tracking page"


def tracking_packs(job: Job) -> None:
    """One pack (PDF and zip) per tracked child; a child the starter may no longer open is named."""
    from django.http import Http404

    from sendtrack.inspection.models import TrackedChild
    from sendtrack.inspection.packs import make_pack

    ids = job.params["tracked"]
    by = started_by(job)
    mark_total(job.pk, len(ids), "packs")
    progress = ProgressWriter(job.pk)
    made, errors = 0, []
    try:
        for tracked in TrackedChild.objects.filter(pk__in=ids).select_related(
            "case", "notification__inspection__local_area"
        ):
            try:
                make_pack(tracked, by=by)
            except Http404:
                errors.append(f"The pack for case {tracked.case.case_ref} was not made: {NOT_A_LEAD}")
            else:
                made += 1
            progress(made + len(errors))
    finally:
        progress.close()
    finish(
        job,
        summary=f"Made {made} tracking pack{'s' if made != 1 else ''}: {PACKS_WHERE}",
        errors=errors,
        done=made,
    )


register_runner(JobKind.TRACKING_PACKS, tracking_packs)
