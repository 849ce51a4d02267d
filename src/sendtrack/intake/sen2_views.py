"""Bringing in a SEN2 return on the page (upload, dry run, confirm) and what came in after any import."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sendtrack.accounts import access as area_access
from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.intake.models import ImportRun
from sendtrack.intake.reconciliation_tables import tables
from sendtrack.intake.services.runs import run_sen2_import
from sendtrack.intake.views import _area

SESSION_KEY = "sen2_upload"
# A return of 25,000 persons is about 29 MB; the largest areas' are several times that.
MAX_BYTES = 200 * 1024 * 1024


def _uploaded(request: AuthenticatedHttpRequest) -> tuple[str, str, bytes]:
    stored = request.session.get(SESSION_KEY)
    if not stored or not default_storage.exists(stored["path"]):
        raise Http404("Upload the SEN2 return first")
    with default_storage.open(stored["path"], "rb") as handle:
        return stored["path"], stored["name"], handle.read()


@login_required
def upload_sen2(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Choose the return; the dry run's account follows on the same page, with a button to import."""
    area = _area(request)
    error = ""
    done = None
    if request.method == "POST":
        upload = request.FILES.get("sen2")
        if upload is None or PurePath(upload.name or "").suffix.lower() != ".xml":
            error = "Choose the SEN2 return as an XML (.xml) file"
        elif upload.size and upload.size > MAX_BYTES:
            error = "The file must be smaller than 200 MB"
        else:
            content = upload.read()
            name = upload.name or ""
            done = run_sen2_import(content, file_name=name, area=area, by=request.user, dry_run=True)
            if done.result.ok:
                path = default_storage.save(f"sen2-uploads/{uuid.uuid4().hex}.xml", ContentFile(content))
                request.session[SESSION_KEY] = {"path": path, "name": name}
    context = {"error": error, "done": done, "tables": tables(done.report) if done else None}
    status = 400 if error or (done is not None and not done.result.ok) else 200
    return render(request, "intake/upload_sen2.html", context, status=status)


@login_required
@require_POST
def confirm_sen2(request: AuthenticatedHttpRequest) -> HttpResponse:
    area = _area(request)
    path, name, content = _uploaded(request)
    done = run_sen2_import(content, file_name=name, area=area, by=request.user, dry_run=False)
    if done.run is None:
        context = {"error": "", "done": done, "tables": tables(done.report)}
        return render(request, "intake/upload_sen2.html", context, status=400)
    default_storage.delete(path)
    del request.session[SESSION_KEY]
    messages.success(request, done.result.report.summary())
    return redirect("intake:import-run", pk=done.run.pk)


@login_required
def import_run(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """What came in with one import: the source beside sendtrack, before and after."""
    areas = area_access.council_case_areas(request.user)
    run = get_object_or_404(ImportRun, pk=pk, local_area__in=areas)
    return render(request, "intake/import_run.html", {"run": run, "tables": tables(run.reconciliation)})


@login_required
def import_runs(request: AuthenticatedHttpRequest) -> HttpResponse:
    areas = area_access.council_case_areas(request.user)
    if not areas:
        raise Http404("Only the council's SEND team brings in records")
    runs = ImportRun.objects.filter(local_area__in=areas).select_related("imported_by")[:50]
    return render(request, "intake/import_runs.html", {"runs": runs})
