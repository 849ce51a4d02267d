"""The SEN2 issues page: every validation problem in the coming return, with the case to fix, as the
last check found them (`sen2_checks`)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_htmx.http import HttpResponseClientRefresh

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.models import LocalArea
from sendtrack.casework.models import Case
from sendtrack.jobs.models import JobKind
from sendtrack.jobs.services import start_job
from sendtrack.performance import selectors, sen2_checks
from sendtrack.performance.models import Sen2Check, Sen2Problem
from sendtrack.performance.sen2_export_form import Sen2ExportForm
from sendtrack.performance.sen2_renderer import next_census_date
from sendtrack.performance.sen2_rules import RULES

RULES_BY_CODE = {rule.code: rule for rule in RULES}

ISSUES_PER_PAGE = 200
POLL_SECONDS = 2


def _census(request: AuthenticatedHttpRequest) -> date:
    try:
        if request.GET.get("census"):
            return date.fromisoformat(request.GET["census"])
    except ValueError:
        pass
    return next_census_date(timezone.localdate())


def _page_url(area_code: str, census: date) -> str:
    return (
        f"{reverse('performance:sen2-issues', args=[area_code])}?{urlencode({'census': census.isoformat()})}"
    )


@login_required
def sen2_issues(request: AuthenticatedHttpRequest, area_code: str) -> HttpResponse:
    """The last check of the return, read from the database; a check is started when it is missing
    or the records changed since, and the page says so rather than showing an old list as current."""
    area = selectors.reporting_area_or_404(request.user, area_code)
    census = _census(request)
    if request.method == "POST":
        if not sen2_checks.check_state(area, census).checking:
            sen2_checks.start_check(area, census, by=request.user, again=True)
        return redirect(_page_url(area.code, census))
    state = sen2_checks.ensure_check(area, census, by=request.user)
    context = {"area": area, "census": census, "state": state, "poll_seconds": POLL_SECONDS}
    if state.check is not None:
        context.update(_problems(request, area, state.check))
    return render(request, "performance/sen2_issues.html", context)


@login_required
def sen2_check_status(request: AuthenticatedHttpRequest, area_code: str) -> HttpResponse:
    """Asked every few seconds while a check runs; the page reloads once the check is current."""
    area = selectors.reporting_area_or_404(request.user, area_code)
    census = _census(request)
    state = sen2_checks.ensure_check(area, census, by=request.user)
    if state.current:
        return HttpResponseClientRefresh()
    context = {"area": area, "census": census, "state": state, "poll_seconds": POLL_SECONDS}
    return render(request, "performance/_sen2_check_status.html", context)


def _problems(request: AuthenticatedHttpRequest, area: LocalArea, check: Sen2Check) -> dict[str, object]:
    """One page of the check's problems (errors first) with links to the cases the user may open,
    and how many each rule found."""
    counts = check.counts
    total = sum(counts.values())
    page = Paginator(StoredProblems(check, total), ISSUES_PER_PAGE).get_page(request.GET.get("page"))
    shown: list[Sen2Problem] = list(page.object_list)
    visible = set(
        Case.objects.visible_to(request.user)
        .filter(local_area=area, pk__in={p.case_id for p in shown})
        .values_list("pk", flat=True)
    )
    rows = [
        (p, RULES_BY_CODE.get(p.rule), _case_url(p.case_ref) if p.case_id in visible else None) for p in shown
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "rows": rows,
        "total": total,
        "page": page,
        "query": query.urlencode(),
        "rules": [(rule, counts.get(rule.code, 0)) for rule in RULES],
    }


class StoredProblems:
    """A check's problems as the paginator reads them: the count known, one page read by position."""

    def __init__(self, check: Sen2Check, total: int) -> None:
        self.check = check
        self.total = total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[Sen2Problem]:
        return list(Sen2Problem.objects.filter(sen2_check=self.check).order_by("position")[window])


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
