"""The dashboard and the page of each KPI. They read KPI summaries only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from sendtrack.accounts import access as area_access
from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.selectors import active_membership
from sendtrack.casework.models import Case
from sendtrack.performance import drilldown, kpis, national, selectors
from sendtrack.performance.counting import AS_OF_PERIOD

CASES_PER_PAGE = 50


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = active_membership(request)
    areas = area_access.reporting_areas(request.user)
    preferred = membership.organisation.local_area.code if membership else None
    code = preferred if any(a.code == preferred for a in areas) else None
    return _dashboard(request, code)


@login_required
def area_dashboard(request: AuthenticatedHttpRequest, area_code: str) -> HttpResponse:
    return _dashboard(request, area_code)


def _dashboard(request: AuthenticatedHttpRequest, code: str | None) -> HttpResponse:
    area = selectors.reporting_area_or_404(request.user, code)
    series = selectors.area_series(area)
    return render(
        request,
        "performance/dashboard.html",
        {
            "area": area,
            "sections": selectors.dashboard_sections(area, series),
            "need_mix": selectors.need_mix(series),
            "need_mix_kpi": kpis.BY_ID["primary_need_mix:ASD"],
            "refresh": selectors.last_refresh(area),
            "national_version": national.national_version(),
        },
    )


def _kpi_or_404(kpi_id: str) -> kpis.Kpi:
    kpi = kpis.get(kpi_id)
    if kpi is None:
        raise Http404
    return kpi


@login_required
def kpi_detail(request: AuthenticatedHttpRequest, area_code: str, kpi_id: str) -> HttpResponse:
    area = selectors.reporting_area_or_404(request.user, area_code)
    kpi = _kpi_or_404(kpi_id)
    series = selectors.kpi_series(area, kpi)
    latest = series[-1] if series else None
    breakdowns = selectors.kpi_breakdowns(area, kpi, latest.period) if latest else []
    figures = national.figures_for(kpi.id)
    chart = {
        "title": kpi.name,
        "unit": kpi.unit,
        "labels": [point.period if point.period != AS_OF_PERIOD else "now" for point in series],
        "values": [point.value if kpi.unit != kpis.COUNT else point.numerator for point in series],
        "national": [
            next((f.value for f in figures if f.verified and f.period == point.period), None)
            for point in series
        ],
    }
    return render(
        request,
        "performance/kpi.html",
        {
            "area": area,
            "kpi": kpi,
            "series": series,
            "latest": latest,
            "breakdowns": breakdowns,
            "members": selectors.family_members(area, kpi),
            "national_figures": figures,
            "published": selectors.published_beside(area, kpi, series),
            "chart": chart,
            "has_case_list": drilldown.has_case_list(kpi),
            "refresh": selectors.last_refresh(area),
        },
    )


@login_required
def kpi_cases(request: AuthenticatedHttpRequest, area_code: str, kpi_id: str) -> HttpResponse:
    area = selectors.reporting_area_or_404(request.user, area_code)
    kpi = _kpi_or_404(kpi_id)
    refresh = selectors.last_refresh(area)
    if refresh is None or not drilldown.has_case_list(kpi):
        raise Http404
    part = request.GET.get("part", drilldown.DENOMINATOR)
    selection = drilldown.Selection(
        period=request.GET.get("period", AS_OF_PERIOD)[:10],
        part=part if part in (drilldown.NUMERATOR, drilldown.DENOMINATOR) else drilldown.DENOMINATOR,
        dimension=request.GET.get("dimension", "")[:20],
        value_key=request.GET.get("value", "")[:80],
    )
    cases, times = drilldown.cases_behind(
        user=request.user,
        area=area,
        kpi=kpi,
        selection=selection,
        as_of=refresh.as_of,
    )
    # One row per item counted: a case the figure counted twice (two requests in the year) is
    # listed twice, so the list is exactly as long as the figure.
    ids = [pk for pk in cases.order_by("case_ref").values_list("pk", flat=True) for _ in range(times[pk])]
    page = Paginator(ids, CASES_PER_PAGE).get_page(request.GET.get("page"))
    shown = {case.pk: case for case in cases.filter(pk__in=set(page.object_list))}
    rows = [(shown[pk], _case_url(shown[pk])) for pk in page.object_list]
    return render(
        request,
        "performance/kpi_cases.html",
        {
            "area": area,
            "kpi": kpi,
            "selection": selection,
            "page": page,
            "rows": rows,
            "refresh": refresh,
            "breakdown_name": kpis.BREAKDOWN_NAMES.get(selection.dimension, ""),
            "query": request.GET.copy(),
        },
    )


def _case_url(case: Case) -> str | None:
    try:
        return case.get_absolute_url()
    except NoReverseMatch:
        return None


def area_url(name: str, area_code: str, *args: str) -> str:
    return reverse(f"performance:{name}", args=[area_code, *args])
