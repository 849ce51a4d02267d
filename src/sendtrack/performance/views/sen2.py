"""The SEN2 issues page: every validation problem in the coming return, with the case to fix."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.casework.models import Case
from sendtrack.jobs.models import JobKind
from sendtrack.jobs.services import start_job
from sendtrack.performance import selectors
from sendtrack.performance.sen2_export_form import Sen2ExportForm
from sendtrack.performance.sen2_renderer import checked_issues as find_issues
from sendtrack.performance.sen2_renderer import next_census_date
from sendtrack.performance.sen2_rules import RULES

ISSUES_PER_PAGE = 200


@login_required
def sen2_issues(request: AuthenticatedHttpRequest, area_code: str) -> HttpResponse:
    area = selectors.reporting_area_or_404(request.user, area_code)
    census = next_census_date(timezone.localdate())
    try:
        if request.GET.get("census"):
            census = date.fromisoformat(request.GET["census"])
    except ValueError:
        pass
    issues = find_issues(area=area, census_date=census)
    # A long list is shown a page at a time, errors first: one page's links and rows, not 100,000.
    page = Paginator(issues, ISSUES_PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    visible = set(
        Case.objects.visible_to(request.user)
        .filter(local_area=area, case_ref__in={i.case_ref for i in shown})
        .values_list("case_ref", flat=True)
    )
    rows = [(item, _case_url(item.case_ref) if item.case_ref in visible else None) for item in shown]
    counts = {rule.code: 0 for rule in RULES}
    for item in issues:
        counts[item.issue.rule.code] += 1
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "performance/sen2_issues.html",
        {
            "area": area,
            "census": census,
            "rows": rows,
            "total": len(issues),
            "page": page,
            "query": query.urlencode(),
            "rules": [(rule, counts[rule.code]) for rule in RULES],
        },
    )


def _case_url(case_ref: str) -> str | None:
    try:
        return reverse("casework:person", args=[case_ref])
    except NoReverseMatch:
        return None


@login_required
def sen2_export(request: AuthenticatedHttpRequest, area_code: str) -> HttpResponse:
    """Write the area's SEN2 return as a job: the same file `sendtrack export-sen2` writes."""
    area = selectors.reporting_area_or_404(request.user, area_code)
    form = Sen2ExportForm(request.POST or None, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        job = start_job(
            kind=JobKind.SEN2_EXPORT,
            by=request.user,
            area=area,
            unit="persons",
            census_date=form.cleaned_data["census_date"],
            draft=form.cleaned_data["draft"],
            header=form.header(),
        )
        return redirect("jobs:job", job_id=job.pk)
    return render(request, "performance/sen2_export.html", {"form": form, "area": area})
