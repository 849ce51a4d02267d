from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sendtrack.jobs.selectors import get_visible_job_or_404

POLL_SECONDS = 2


@login_required
def job(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    """The job's progress and result; while it runs, HTMX asks again every two seconds."""
    found = get_visible_job_or_404(request.user, job_id)  # type: ignore[arg-type]
    template = "jobs/_job_status.html" if request.htmx else "jobs/job.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": found, "poll_seconds": POLL_SECONDS})


@login_required
def download(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    found = get_visible_job_or_404(request.user, job_id)  # type: ignore[arg-type]
    if not found.result_file or not default_storage.exists(found.result_file):
        raise Http404("No file")
    return FileResponse(
        default_storage.open(found.result_file, "rb"), as_attachment=True, filename=found.result_name
    )
