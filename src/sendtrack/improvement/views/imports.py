"""Uploading a plan spreadsheet: a dry-run report first, then the import on confirmation."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.models import LocalArea
from sendtrack.accounts.selectors import active_membership
from sendtrack.core.pages import render_form
from sendtrack.improvement import selectors
from sendtrack.improvement.forms import ImportPlanForm
from sendtrack.improvement.services.imports import import_plan_file

PENDING_IMPORT_KEY = "pending_plan_import"
IMPORT_EXPIRED = "The upload has expired: choose the file again"


def _upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "plan-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


@login_required
def import_plan(request: AuthenticatedHttpRequest) -> HttpResponse:
    areas = selectors.areas_managed_by(request.user)
    if not areas:
        raise PermissionDenied
    membership = active_membership(request)
    area = next((a for a in areas if membership and a.pk == membership.local_area.pk), areas[0])
    form = ImportPlanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, area)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        token = uuid.uuid4().hex
        suffix = Path(upload.name).suffix.lower()
        stored = _upload_dir() / f"{token}{suffix}"
        stored.write_bytes(upload.read())
        report = import_plan_file(
            area=area,
            plan_name=form.cleaned_data["plan_name"],
            file=stored.open("rb"),
            filename=upload.name,
            by=request.user,
            dry_run=True,
            plan_kind=form.cleaned_data["kind"],
        )
        if report.ok:
            request.session[PENDING_IMPORT_KEY] = {
                "token": token,
                "suffix": suffix,
                "filename": upload.name,
                "plan_name": form.cleaned_data["plan_name"],
                "kind": form.cleaned_data["kind"],
                "area": area.pk,
            }
        else:
            stored.unlink(missing_ok=True)
        return render(
            request,
            "improvement/import_report.html",
            {"report": report, "area": area, "filename": upload.name},
        )
    return render_form(request, "improvement/import_plan.html", {"form": form, "area": area})


def _confirm(request: AuthenticatedHttpRequest, area: LocalArea) -> HttpResponse:
    pending = request.session.pop(PENDING_IMPORT_KEY, None)
    stored = _upload_dir() / f"{pending['token']}{pending['suffix']}" if pending else None
    if not pending or pending["area"] != area.pk or stored is None or not stored.exists():
        messages.error(request, IMPORT_EXPIRED)
        return redirect("improvement:import-plan")
    with stored.open("rb") as file:
        report = import_plan_file(
            area=area,
            plan_name=pending["plan_name"],
            file=file,
            filename=pending["filename"],
            by=request.user,
            plan_kind=pending["kind"],
        )
    stored.unlink(missing_ok=True)
    if not report.ok:
        return render(
            request,
            "improvement/import_report.html",
            {"report": report, "area": area, "filename": pending["filename"]},
        )
    plan = selectors.plans_visible_to(request.user).get(local_area=area, name=pending["plan_name"])
    messages.success(request, report.summary())
    return redirect(plan)
