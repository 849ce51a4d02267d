"""The case file import as a job: the runner the job queue finds and calls."""

from __future__ import annotations

import io
from collections.abc import Iterator

from django.core.files.storage import default_storage

from sendtrack.jobs.models import Job, JobKind
from sendtrack.jobs.progress import ProgressWriter, mark_total
from sendtrack.jobs.runners import area_of, register_runner
from sendtrack.jobs.services import finish

NOT_UTF8 = "The file is not UTF-8 text: save it again as UTF-8 JSON Lines"
UPLOAD_GONE = "The uploaded file is no longer there: upload it again"
MAX_ERRORS_SHOWN = 500


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
            area=area_of(job),
            by=job.started_by,
            on_progress=progress,
        )
    finally:
        progress.close()
    errors = [str(error) for error in report.errors[:MAX_ERRORS_SHOWN]]
    finish(job, summary=report.summary(), errors=errors, done=report.rows)
    default_storage.delete(name)


register_runner(JobKind.IMPORT_CASES, import_cases)
