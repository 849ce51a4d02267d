"""Bringing in the council's tracker on the page: upload, confirm the columns, see the dry run, import."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sendtrack.accounts import access as area_access
from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.models import LocalArea
from sendtrack.intake.models import TrackerMapping
from sendtrack.intake.services import import_tracker
from sendtrack.intake.services.runs import run_tracker_import
from sendtrack.interchange.tracker_mapping import FIELDS, check_mapping, guess_mapping
from sendtrack.interchange.tracker_sheets import Sheet, UnreadableSheet, read_tracker

SESSION_KEY = "tracker_upload"
SESSION_NAME_KEY = "tracker_upload_name"
MAX_BYTES = 25 * 1024 * 1024
NOT_IN_TRACKER = ""


def _area(request: AuthenticatedHttpRequest) -> LocalArea:
    areas = area_access.council_case_areas(request.user)
    if not areas:
        raise Http404("Only the council's SEND team brings in its tracker")
    return areas[0]


def _uploaded(request: AuthenticatedHttpRequest) -> tuple[str, Sheet]:
    name = request.session.get(SESSION_KEY)
    if not name or not default_storage.exists(name):
        raise Http404("Upload the tracker first")
    with default_storage.open(name, "rb") as handle:
        return name, read_tracker(handle.read(), name)


@login_required
def upload_tracker(request: AuthenticatedHttpRequest) -> HttpResponse:
    _area(request)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("tracker")
        upload_name = (upload.name or "") if upload else ""
        suffix = PurePath(upload_name).suffix.lower()
        if upload is None or suffix not in (".xlsx", ".csv"):
            error = "Choose the tracker as an Excel (.xlsx) or CSV (.csv) file"
        elif upload.size and upload.size > MAX_BYTES:
            error = "The file must be smaller than 25 MB"
        else:
            content = upload.read()
            try:
                read_tracker(content, upload_name)
            except UnreadableSheet as problem:
                error = f"{upload_name}: {problem}"
            else:
                from django.core.files.base import ContentFile

                name = default_storage.save(
                    f"tracker-uploads/{uuid.uuid4().hex}{suffix}", ContentFile(content)
                )
                request.session[SESSION_KEY] = name
                request.session[SESSION_NAME_KEY] = upload_name
                return redirect("intake:map-tracker")
    return render(request, "intake/upload_tracker.html", {"error": error}, status=400 if error else 200)


def _initial_mapping(area: LocalArea, sheet: Sheet) -> tuple[dict[str, str], bool]:
    saved = TrackerMapping.objects.filter(local_area=area).first()
    if saved is not None and all(column in sheet.columns for column in saved.mapping.values()):
        return dict(saved.mapping), True
    return guess_mapping(sheet), False


@login_required
def map_tracker(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Each of sendtrack's fields beside the tracker's columns; on confirming, the dry run's report."""
    area = _area(request)
    _, sheet = _uploaded(request)
    mapping, reused = _initial_mapping(area, sheet)
    report = None
    errors: list[str] = []
    if request.method == "POST":
        mapping = {f: request.POST.get(f, "") for f in FIELDS if request.POST.get(f, "") != NOT_IN_TRACKER}
        errors = check_mapping(mapping, sheet)
        if not errors:
            report = import_tracker(sheet, mapping=mapping, area=area, by=request.user, dry_run=True)
            TrackerMapping.objects.update_or_create(
                local_area=area, name="Tracker", defaults={"mapping": mapping, "confirmed_by": request.user}
            )
    samples = {
        column: ", ".join(str(v) for v in sheet.sample(i, 3)) for i, column in enumerate(sheet.columns)
    }
    fields = [(key, words[0], mapping.get(key, NOT_IN_TRACKER)) for key, words in FIELDS.items()]
    return render(
        request,
        "intake/map_tracker.html",
        {
            "sheet": sheet,
            "fields": fields,
            "samples": samples,
            "reused": reused,
            "report": report,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def confirm_tracker(request: AuthenticatedHttpRequest) -> HttpResponse:
    area = _area(request)
    name, sheet = _uploaded(request)
    saved = TrackerMapping.objects.filter(local_area=area).first()
    if saved is None:
        raise Http404("Confirm the columns first")
    done = run_tracker_import(
        sheet,
        mapping=saved.mapping,
        file_name=request.session.get(SESSION_NAME_KEY, "Tracker"),
        area=area,
        by=request.user,
        dry_run=False,
    )
    report = done.result
    if not report.ok or done.run is None:
        return render(
            request,
            "intake/map_tracker.html",
            {
                "sheet": sheet,
                "fields": [(k, w[0], saved.mapping.get(k, "")) for k, w in FIELDS.items()],
                "samples": {},
                "report": report,
                "errors": [],
                "reused": True,
            },
            status=400,
        )
    default_storage.delete(name)
    del request.session[SESSION_KEY]
    messages.success(request, report.summary())
    return redirect("intake:import-run", pk=done.run.pk)
