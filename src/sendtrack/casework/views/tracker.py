"""The EHC tracker: every open request, soonest statutory breach first, with CSV and Excel export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from sendtrack.accounts import access as area_access
from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.casework import forecasts
from sendtrack.casework.access import log_cases_exported
from sendtrack.casework.forms import TrackerFilterForm
from sendtrack.casework.selectors import TrackerFilters, open_requests, tracker_cases, tracker_choices
from sendtrack.casework.tracker_columns import added_columns
from sendtrack.casework.tracker_filters import filters_html
from sendtrack.casework.tracker_rows import display_rows, export_headers, export_rows
from sendtrack.casework.tracker_table import rows_html
from sendtrack.interchange.spreadsheets import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Table,
    csv_lines,
    xlsx_bytes,
)
from sendtrack.statutory.rules import period_in_words

PAGE_SIZE = 50


def _risk_limit(request: AuthenticatedHttpRequest) -> str:
    """The final plan limit in words when the forecast is shown for the user's areas, else ""."""
    areas = [area.pk for area in area_access.council_case_areas(request.user)]
    return period_in_words("final_plan", timezone.localdate()) if forecasts.FORECAST.shown(areas) else ""


def _filters(request: AuthenticatedHttpRequest, limit: str = "") -> tuple[TrackerFilterForm, TrackerFilters]:
    form = TrackerFilterForm(request.GET or None, choices=tracker_choices(request.user), limit=limit)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, TrackerFilters(
            caseworker=data["caseworker"],
            stage=data["stage"],
            agency=data["agency"],
            setting=data["setting"],
            need=data["need"],
            overdue=data["overdue"],
            sort=data["sort"],
        )
    return form, TrackerFilters()


@login_required
def tracker(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    limit = _risk_limit(request)
    form, filters = _filters(request, limit)
    cases = tracker_cases(request.user, filters, today, with_risk=bool(limit))
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    columns = 7 + bool(limit) + len(added_columns())
    context = {
        "form": form,
        "filters_html": "" if request.htmx else filters_html(form, limit),
        "page": page,
        "rows_html": rows_html(display_rows(page.object_list, today), limit, columns),
        "query": query.urlencode(),
        "today": today,
        "risk_limit": limit,
        "added_headers": [column.header for column in added_columns()],
    }
    template = "casework/_tracker_results.html" if request.htmx else "casework/tracker.html"
    return render(request, template, context)


@login_required
def tracker_export(request: AuthenticatedHttpRequest, file_format: str) -> HttpResponse:
    """The tracker's rows (all pages, same filters) as CSV or Excel; one access log row per case."""
    today = timezone.localdate()
    _, filters = _filters(request, _risk_limit(request))
    cases = list(open_requests(request.user, filters, today))
    log_cases_exported(request.user, cases, path=request.path)
    name = f"ehc-tracker-{today.isoformat()}"
    if file_format == "csv":
        lines = csv_lines(export_headers(), export_rows(cases, today))
        response = StreamingHttpResponse(lines, content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    content = xlsx_bytes(Table("EHC tracker", export_headers(), export_rows(cases, today)))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
