"""Uploading a case file: stored, then imported by a job whose page shows its progress."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render

from sendtrack.accounts.access import case_importing_areas
from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.selectors import active_membership
from sendtrack.casework.forms import ImportCasesForm
from sendtrack.jobs.models import JobKind
from sendtrack.jobs.services import start_job


@login_required
def import_cases(request: AuthenticatedHttpRequest) -> HttpResponse:
    areas = case_importing_areas(request.user)
    if not areas:
        raise PermissionDenied
    membership = active_membership(request)
    area = next((a for a in areas if membership and a.pk == membership.local_area.pk), areas[0])
    form = ImportCasesForm(request.POST, request.FILES) if request.method == "POST" else ImportCasesForm()
    if form.is_valid():
        stored = default_storage.save(
            f"uploads/case-files/{uuid.uuid4().hex}.jsonl", form.cleaned_data["file"]
        )
        job = start_job(kind=JobKind.IMPORT_CASES, by=request.user, area=area, unit="cases", upload=stored)
        return redirect("jobs:job", job_id=job.pk)
    return render(request, "casework/import_cases.html", {"form": form, "area": area})
