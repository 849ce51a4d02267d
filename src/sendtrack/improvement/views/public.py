"""Public pages, no sign-in: a local area's published plans, their versions and what changed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sendtrack.accounts.models import LocalArea
from sendtrack.improvement import selectors
from sendtrack.improvement.models import ImprovementPlan, PlanVersion
from sendtrack.improvement.services.publication import compare_versions


def _published_plan_or_404(area_code: str, plan_id: int) -> tuple[LocalArea, ImprovementPlan]:
    area = get_object_or_404(LocalArea, code=area_code)
    plan = selectors.published_plans(area).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such published plan")
    return area, plan


def public_plans(request: HttpRequest, area_code: str) -> HttpResponse:
    area = get_object_or_404(LocalArea, code=area_code)
    plans = [(plan, selectors.plan_versions(plan).first()) for plan in selectors.published_plans(area)]
    return render(request, "improvement/public/plan_list.html", {"area": area, "plans": plans})


def _version_page(
    request: HttpRequest, area: LocalArea, plan: ImprovementPlan, version: PlanVersion
) -> HttpResponse:
    versions = list(selectors.plan_versions(plan))
    return render(
        request,
        "improvement/public/plan.html",
        {
            "area": area,
            "plan": plan,
            "version": version,
            "snapshot": version.snapshot,
            "versions": versions,
            "is_latest": version.number == versions[0].number,
            "measures": selectors.public_measures(plan),
        },
    )


def public_plan(request: HttpRequest, area_code: str, plan_id: int) -> HttpResponse:
    area, plan = _published_plan_or_404(area_code, plan_id)
    return _version_page(request, area, plan, selectors.plan_versions(plan)[0])


def public_version(request: HttpRequest, area_code: str, plan_id: int, number: int) -> HttpResponse:
    area, plan = _published_plan_or_404(area_code, plan_id)
    version = get_object_or_404(PlanVersion, plan=plan, number=number)
    return _version_page(request, area, plan, version)


def public_changes(request: HttpRequest, area_code: str, plan_id: int) -> HttpResponse:
    area, plan = _published_plan_or_404(area_code, plan_id)
    versions = list(selectors.plan_versions(plan))
    numbers = [v.number for v in versions]
    try:
        newer_number = int(request.GET.get("to", numbers[0]))
        older_number = int(request.GET.get("from", numbers[1] if len(numbers) > 1 else numbers[0]))
    except ValueError as error:
        raise Http404("No such version") from error
    by_number = {v.number: v for v in versions}
    if older_number not in by_number or newer_number not in by_number:
        raise Http404("No such version")
    older, newer = sorted([by_number[older_number], by_number[newer_number]], key=lambda v: v.number)
    return render(
        request,
        "improvement/public/changes.html",
        {
            "area": area,
            "plan": plan,
            "versions": versions,
            "comparison": compare_versions(older, newer),
        },
    )
