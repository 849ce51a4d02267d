"""The case file import as a job: the runner the job queue finds and calls."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from django.core.files.storage import default_storage
from django.utils import timezone

from sendtrack.interchange.import_report import ImportReport
from sendtrack.jobs.models import Job, JobKind
from sendtrack.jobs.progress import ProgressWriter, mark_total
from sendtrack.jobs.runners import area_of, register_runner
from sendtrack.jobs.services import finish

NOT_UTF8 = "The file is not UTF-8 text: save it again as UTF-8 JSON Lines"
UPLOAD_GONE = "The uploaded file is no longer there: upload it again"
MAX_ERRORS_SHOWN = 500
STORED = "stored"
COUNTS = ("rows", "created", "updated", "unchanged")


def _lines(name: str) -> Iterator[str]:
    with default_storage.open(name, "rb") as raw:
        yield from io.TextIOWrapper(raw, encoding="utf-8", newline="")


def import_cases(job: Job) -> None:
    from sendtrack.casework.services.imports import import_cases as run_import

    name = job.params["upload"]
    if STORED in job.params:
        _finish_stored_import(job, job.params[STORED])
        return
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
    as_of = timezone.localdate()
    try:
        report = run_import(
            _lines(name),
            area=area_of(job),
            by=job.started_by,
            as_of=as_of,
            on_progress=progress,
            also_write=_kept_on(job, as_of),
        )
    finally:
        progress.close()
    errors = [str(error) for error in report.errors[:MAX_ERRORS_SHOWN]]
    finish(job, summary=report.summary(), errors=errors, done=report.rows)
    default_storage.delete(name)


def _kept_on(job: Job, as_of: date) -> Callable[[ImportReport], bool]:
    """Keep the import's counts on the job in the import's own transaction.

    The summaries and forecast are refreshed after the import commits, still inside the job. A
    worker that dies there leaves the cases stored and the job running; the next worker must not
    import the file again (it would find every case unchanged and say so), only finish the refresh
    and report what the import did.
    """

    def keep(report: ImportReport) -> bool:
        counts: dict[str, Any] = {key: getattr(report, key) for key in COUNTS}
        counts |= {"milestones": report.also["milestones"], "as_of": as_of.isoformat()}
        Job.objects.filter(pk=job.pk).update(params={**job.params, STORED: counts})
        return False

    return keep


def _finish_stored_import(job: Job, counts: dict[str, Any]) -> None:
    from sendtrack.casework.services.imports import refresh_after_import

    area = area_of(job)
    report = ImportReport(
        unit="cases", into=area.name, written=True, also={"milestones": counts["milestones"]}
    )
    for key in COUNTS:
        setattr(report, key, counts[key])
    if report.created or report.updated:
        refresh_after_import(area, date.fromisoformat(counts["as_of"]), report.created + report.updated)
    finish(job, summary=report.summary(), errors=[], done=report.rows)
    if default_storage.exists(job.params["upload"]):
        default_storage.delete(job.params["upload"])


register_runner(JobKind.IMPORT_CASES, import_cases)
