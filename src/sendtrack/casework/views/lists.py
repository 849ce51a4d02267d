"""Area-wide lists: advice, reviews, phase transfers and panels. Each reads through visible_to."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.casework import selectors, services
from sendtrack.casework.forms import PanelMeetingForm

LIST_LIMIT = 100


@login_required
def advice(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    agencies = dict(selectors.ADVICE_AGENCIES)
    agency = request.GET.get("agency", selectors.default_agency(request.user))
    agency = agency if agency in agencies else ""
    outstanding = Paginator(selectors.outstanding_advice(request.user, today, agency), 50).get_page(
        request.GET.get("page")
    )
    summary = selectors.advice_summary(request.user, today)
    for row in summary:
        row["agency"] = agencies.get(str(row["rule"]).split(":", 1)[-1], row["rule"])
    context = {
        "agency": agency,
        "agencies": selectors.ADVICE_AGENCIES,
        "page": outstanding,
        "summary": summary,
        "rows": [
            {"m": m, "age_days": (today - m.start).days, "days_to_due": (m.due - today).days}
            for m in outstanding.object_list
        ],
        "late": list(selectors.late_advice(request.user, today)[:LIST_LIMIT]),
        "today": today,
    }
    return render(request, "casework/advice.html", context)


REVIEW_SECTIONS = [
    ("due_soon", "Annual reviews due in the next 8 weeks"),
    ("overdue", "Annual reviews overdue"),
    ("no_decision", "Reviews held with no decision after 4 weeks"),
    ("no_amended_plan", "Decided to amend, no amended plan after 8 weeks"),
    ("no_review_12", "Plans with no review for over 12 months"),
    ("no_review_24", "Plans with no review for over 24 months"),
]


@login_required
def reviews(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    lists = selectors.review_lists(request.user, today)
    sections = []
    for key, title in REVIEW_SECTIONS:
        rows = list(lists[key][:LIST_LIMIT])
        sections.append(
            {
                "key": key,
                "title": title,
                "count": lists[key].count() if len(rows) == LIST_LIMIT else len(rows),
                "rows": [{"m": m, "band": selectors.age_band(m.due, today)} for m in rows],
            }
        )
    return render(request, "casework/reviews.html", {"sections": sections, "today": today})


@login_required
def phase_transfers(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    page = Paginator(selectors.phase_transfers(request.user, year), 50).get_page(request.GET.get("page"))
    rows = []
    for m in page.object_list:
        if m.completed is not None:
            status, colour = ("Done in time", "green") if m.completed <= m.due else ("Done late", "orange")
        elif m.status == "not_applicable":
            status, colour = "No longer applies", "grey"
        elif m.due < today:
            status, colour = "Overdue", "red"
        else:
            status, colour = "Not done yet", "blue"
        rows.append({"m": m, "status": status, "colour": colour})
    return render(
        request,
        "casework/phase_transfers.html",
        {"page": page, "rows": rows, "year": year, "years": [year - 1, year, year + 1], "today": today},
    )


@login_required
def panels(request: AuthenticatedHttpRequest) -> HttpResponse:
    areas = selectors.panel_areas(request.user)
    form = PanelMeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not areas:
            raise PermissionDenied("Only the local authority's SEND team can record panel meetings")
        if form.is_valid():
            services.record_panel_meeting(area=areas[0], by=request.user, **form.cleaned_data)
            return redirect("casework:panels")
    context = {
        "meetings": list(selectors.panel_meetings(request.user)[:LIST_LIMIT]),
        "incomplete": list(selectors.decisions_without_full_panel(request.user)[:LIST_LIMIT]),
        "form": form if areas else None,
    }
    return render(request, "casework/panels.html", context)
