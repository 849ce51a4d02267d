"""What each kind of job does: a thin wrapper over the service that already does the work.

Each runner takes its Job (status running) and calls `finish`, or leaves it running when it has
fanned out parts that finish it. Files it makes go to Django's default storage, shared by every
web and worker process.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from sendtrack.accounts.models import LocalArea
from sendtrack.jobs.models import Job, JobKind
from sendtrack.jobs.progress import ProgressWriter, mark_total
from sendtrack.jobs.services import finish

NOT_UTF8 = "The file is not UTF-8 text: save it again as UTF-8 JSON Lines"
UPLOAD_GONE = "The uploaded file is no longer there: upload it again"
MAX_ERRORS_SHOWN = 500
NOT_A_LEAD = "only the inspection's named leads make packs"
PACKS_WHERE = "download each from the inspection's tracking page"


def _lines(name: str) -> Iterator[str]:
    with default_storage.open(name, "rb") as raw:
        yield from io.TextIOWrapper(raw, encoding="utf-8", newline="")


def import_cases(job: Job) -> None:
    from sendtrack.casework.services.imports import import_cases as run_import

    name = job.params["upload"]
    if not default_storage.exists(name):
        finish(job, summary=UPLOAD_GONE, errors=[UPLOAD_GONE])
        return
    try:
        total = sum(1 for line in _lines(name) if line.strip())
    except UnicodeDecodeError:
        finish(job, summary=NOT_UTF8, errors=[NOT_UTF8])
        default_storage.delete(name)
        return
    mark_total(job.pk, total, "cases")
    progress = ProgressWriter(job.pk)
    try:
        report = run_import(
            _lines(name),
            area=job.local_area,
            by=job.started_by,
            on_progress=progress,  # type: ignore[arg-type]
        )
    finally:
        progress.close()
    errors = [str(error) for error in report.errors[:MAX_ERRORS_SHOWN]]
    finish(job, summary=report.summary(), errors=errors, done=report.rows)
    default_storage.delete(name)


def _save(job: Job, content: bytes, file_name: str) -> str:
    return default_storage.save(f"job-results/{job.pk}/{file_name}", ContentFile(content))


def board_report(job: Job) -> None:
    from sendtrack.improvement.models import ImprovementPlan
    from sendtrack.improvement.selectors import meetings_for
    from sendtrack.improvement.services.board_reports import render_board_report

    plan = ImprovementPlan.objects.get(pk=job.params["plan"])
    meeting = meetings_for(plan).get(pk=job.params["meeting"])
    content, file_name, _ = render_board_report(plan=plan, meeting=meeting, file_format=job.params["format"])
    stored = _save(job, content, file_name)
    finish(job, summary=f"The board report is ready: {file_name}", result_file=stored, result_name=file_name)


def refresh_kpis(job: Job) -> None:
    """Fans out one task per local area; the last area to finish finishes the job."""
    from sendtrack.jobs.tasks import refresh_area_kpis

    codes = job.params.get("areas") or list(LocalArea.objects.order_by("code").values_list("code", flat=True))
    areas = list(LocalArea.objects.filter(code__in=codes).order_by("code"))
    mark_total(job.pk, len(areas), "areas")
    if not areas:
        finish(job, summary="There are no local areas to refresh")
        return
    Job.objects.filter(pk=job.pk).update(summary=f"Refreshed the KPI summaries of {len(areas):,} local areas")
    as_of = job.params.get("as_of")
    for area in areas:
        refresh_area_kpis.enqueue(str(job.pk), area.pk, as_of)


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


def tracking_packs(job: Job) -> None:
    """One pack (PDF and zip) per tracked child; a child the starter may no longer open is named."""
    from django.http import Http404

    from sendtrack.inspection.models import TrackedChild
    from sendtrack.inspection.packs import make_pack

    ids = job.params["tracked"]
    mark_total(job.pk, len(ids), "packs")
    progress = ProgressWriter(job.pk)
    made, errors = 0, []
    try:
        for tracked in TrackedChild.objects.filter(pk__in=ids).select_related(
            "case", "notification__inspection__local_area"
        ):
            try:
                make_pack(tracked, by=job.started_by)  # type: ignore[arg-type]
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


RUNNERS: dict[str, Callable[[Job], None]] = {
    JobKind.IMPORT_CASES: import_cases,
    JobKind.BOARD_REPORT: board_report,
    JobKind.REFRESH_KPIS: refresh_kpis,
    JobKind.FAMILY_UPDATES: family_updates,
    JobKind.RETENTION: retention,
    JobKind.TRACKING_PACKS: tracking_packs,
}
