"""The EHC tracker: every open request, soonest statutory breach first, with CSV and Excel export."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from sendtrack.casework.forms import TrackerFilterForm
from sendtrack.casework.models import Case
from sendtrack.casework.selectors import STAGE_LABELS, TrackerFilters, open_requests, tracker_choices
from sendtrack.casework.services import log_export
from sendtrack.casework.views.common import ACCESS_LOG_UNAVAILABLE
from sendtrack.interchange.spreadsheets import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Table,
    csv_lines,
    xlsx_bytes,
)

logger = logging.getLogger(__name__)

PAGE_SIZE = 50
SOON_DAYS = 14
EXPORT_HEADERS = [
    "Case reference",
    "Name",
    "Date of birth",
    "Stage",
    "Request received",
    "Weeks elapsed",
    "Next due",
    "Next due for",
    "Days to breach",
    "Status",
    "Caseworker",
    "Setting",
    "Primary need",
]


def tracker_row(case: Case, today: date) -> dict[str, object]:
    """What the tracker shows for one case, worked out against today."""
    weeks = (today - case.request_received).days // 7 if case.request_received else None
    days = (case.next_due - today).days if case.next_due else None
    if days is None:
        status, colour = "No deadline", "grey"
    elif days < 0:
        status, colour = "Overdue", "red"
    elif days <= SOON_DAYS:
        status, colour = "Due soon", "yellow"
    else:
        status, colour = "On track", "green"
    return {
        "case": case,
        "stage": STAGE_LABELS.get(case.stage, case.stage),
        "weeks_elapsed": weeks,
        "days_to_breach": days,
        "status": status,
        "colour": colour,
        "next_due_for": case.next_due_rule.replace("_", " ").replace(":", ": "),
    }


def _filters(request: HttpRequest) -> tuple[TrackerFilterForm, TrackerFilters]:
    form = TrackerFilterForm(request.GET or None, choices=tracker_choices(request.user))  # type: ignore[arg-type]
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, TrackerFilters(
            caseworker=data["caseworker"],
            stage=data["stage"],
            agency=data["agency"],
            setting=data["setting"],
            need=data["need"],
            overdue=data["overdue"],
        )
    return form, TrackerFilters()


@login_required
def tracker(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form, filters = _filters(request)
    page = Paginator(open_requests(request.user, filters, today), PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": [tracker_row(case, today) for case in page.object_list],
        "query": query.urlencode(),
        "today": today,
    }
    template = "casework/_tracker_results.html" if request.htmx else "casework/tracker.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _export_rows(cases: list[Case], today: date) -> Iterator[list[object]]:
    for case in cases:
        row = tracker_row(case, today)
        person = case.person
        yield [
            case.case_ref,
            str(person),
            person.date_of_birth,
            row["stage"],
            case.request_received,
            row["weeks_elapsed"],
            case.next_due,
            row["next_due_for"],
            row["days_to_breach"],
            row["status"],
            str(case.caseworker) if case.caseworker else "",
            person.setting.name if person.setting else "",
            person.primary_need or "",
        ]


@login_required
def tracker_export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The tracker's rows (all pages, same filters) as CSV or Excel; one access log row per case."""
    today = timezone.localdate()
    _, filters = _filters(request)
    cases = list(open_requests(request.user, filters, today))  # type: ignore[arg-type]
    try:
        log_export(actor=request.user, cases=cases, path=request.path)  # type: ignore[arg-type]
    except DatabaseError:
        logger.exception("Access log rows could not be written for a tracker export")
        return render(
            request, "casework/access_log_unavailable.html", {"message": ACCESS_LOG_UNAVAILABLE}, status=503
        )
    name = f"ehc-tracker-{today.isoformat()}"
    if file_format == "csv":
        lines = csv_lines(EXPORT_HEADERS, _export_rows(cases, today))
        response = StreamingHttpResponse(lines, content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    content = xlsx_bytes(Table("EHC tracker", EXPORT_HEADERS, _export_rows(cases, today)))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
