from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.jobs.schedules import BY_NAME, SCHEDULES, last_runs
from sendtrack.jobs.selectors import get_visible_job_or_404, is_administrator, jobs_visible_to
from sendtrack.jobs.services import start_schedule_now

POLL_SECONDS = 2
RECENT_JOBS = 20


@login_required
def job(request: AuthenticatedHttpRequest, job_id: uuid.UUID) -> HttpResponse:
    """The job's progress and result; while it runs, HTMX asks again every two seconds."""
    found = get_visible_job_or_404(request.user, job_id)
    template = "jobs/_job_status.html" if request.htmx else "jobs/job.html"
    return render(request, template, {"job": found, "poll_seconds": POLL_SECONDS})


@login_required
def download(request: AuthenticatedHttpRequest, job_id: uuid.UUID) -> FileResponse:
    found = get_visible_job_or_404(request.user, job_id)
    if not found.result_file or not default_storage.exists(found.result_file):
        raise Http404("No file")
    return FileResponse(
        default_storage.open(found.result_file, "rb"), as_attachment=True, filename=found.result_name
    )


@login_required
def schedules(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Administrators: each schedule, when it runs, its last run; and a button to run it now."""
    if not is_administrator(request.user):
        raise PermissionDenied
    if request.method == "POST":
        schedule = BY_NAME.get(request.POST.get("schedule", ""))
        if schedule is None:
            raise Http404("No such schedule")
        job = start_schedule_now(schedule=schedule, by=request.user)
        return redirect("jobs:job", job_id=job.pk)
    now = timezone.now()
    last = last_runs()
    rows = [(schedule, last.get(schedule.name), schedule.next_due(now)) for schedule in SCHEDULES]
    recent = jobs_visible_to(request.user).select_related("local_area")[:RECENT_JOBS]
    return render(request, "jobs/schedules.html", {"rows": rows, "recent": recent})
