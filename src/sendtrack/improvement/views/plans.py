"""Pages of one plan for the partnership's staff: overview, progress, exceptions, timeline, readiness."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.improvement import rules, selectors
from sendtrack.improvement.models import Action, Finding, ImprovementPlan, Intervention, Measure
from sendtrack.improvement.renderers import FORMATS, export_plan


def as_of_from(request: HttpRequest) -> dt.date:
    """The as-of date of a page: ?as_of=YYYY-MM-DD, else today."""
    try:
        return dt.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def plan_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    plans = selectors.plans_visible_to(request.user).order_by("local_area__name", "name")
    return render(
        request,
        "improvement/plan_list.html",
        {
            "plans": plans,
            "may_import": bool(selectors.areas_managed_by(request.user)),
        },
    )


class PlanPage(TypedDict):
    """What every page of one plan shows above its own part."""

    plan: ImprovementPlan
    as_of: dt.date
    summary: rules.Summary
    may_manage: bool


class FindingReadiness(TypedDict, total=False):
    finding: Finding | None
    actions: list[Action]
    measures: list[Measure]
    summary: rules.Summary


def plan_context(request: AuthenticatedHttpRequest, plan_id: int) -> PlanPage:
    plan = selectors.get_visible_plan_or_404(request.user, plan_id)
    as_of = as_of_from(request)
    return {
        "plan": plan,
        "as_of": as_of,
        "summary": selectors.plan_summary(plan, as_of),
        "may_manage": selectors.can_manage_plan(request.user, plan),
    }


@login_required
def plan_overview(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    page = plan_context(request, plan_id)
    plan = page["plan"]
    context = {
        **page,
        "by_finding": selectors.progress_by(plan, page["as_of"], "finding"),
        "meetings": selectors.meetings_for(plan)[:5],
        "versions": selectors.plan_versions(plan)[:3],
        "approval_changes": plan.approval_changes.select_related("changed_by"),
    }
    return render(request, "improvement/plan_overview.html", context)


@login_required
def plan_progress(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    page = plan_context(request, plan_id)
    context = {
        **page,
        "by_finding": selectors.progress_by(page["plan"], page["as_of"], "finding"),
        "by_workstream": selectors.progress_by(page["plan"], page["as_of"], "workstream"),
    }
    return render(request, "improvement/plan_progress.html", context)


@login_required
def exception_report(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    page = plan_context(request, plan_id)
    context = {**page, "groups": selectors.exception_report(page["plan"], page["as_of"])}
    return render(request, "improvement/exception_report.html", context)


@login_required
def timeline(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    page = plan_context(request, plan_id)
    actions = list(page["plan"].actions.select_related("workstream"))
    context: dict[str, object] = {**page, "actions": actions}
    context["chart_data"] = {
        "labels": [a.ref for a in actions],
        "planned": [
            [
                a.start_date.isoformat() if a.start_date else None,
                a.due_date.isoformat() if a.due_date else None,
            ]
            for a in actions
        ],
        "actual": [
            [
                a.actual_start.isoformat() if a.actual_start else None,
                a.actual_finish.isoformat() if a.actual_finish else page["as_of"].isoformat(),
            ]
            if a.actual_start
            else [None, None]
            for a in actions
        ],
    }
    return render(request, "improvement/timeline.html", context)


@login_required
def readiness(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    page = plan_context(request, plan_id)
    plan = page["plan"]
    actions = list(plan.actions.select_related("finding"))
    measures = list(Measure.objects.filter(plan=plan).prefetch_related("points"))
    findings: dict[int | None, FindingReadiness] = {}
    for action in actions:
        entry = findings.setdefault(
            action.finding_id, {"finding": action.finding, "actions": [], "measures": []}
        )
        entry["actions"].append(action)
    for measure in measures:
        findings.setdefault(measure.finding_id, {"finding": measure.finding, "actions": [], "measures": []})
        findings[measure.finding_id]["measures"].append(measure)
    if plan.inspection is not None:
        for finding in plan.inspection.findings.all():
            findings.setdefault(finding.pk, {"finding": finding, "actions": [], "measures": []})
    for entry in findings.values():
        entry["summary"] = rules.summarise((a.state() for a in entry["actions"]), page["as_of"])
    context = {
        **page,
        "findings": sorted(
            findings.values(), key=lambda e: (e["finding"] is None, getattr(e["finding"], "position", 0))
        ),
        "inspection": plan.inspection,
        "interventions": Intervention.objects.filter(local_area_id=plan.local_area_id),
    }
    return render(request, "improvement/readiness.html", context)


@login_required
def plan_export(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.get_visible_plan_or_404(request.user, plan_id)
    file_format = request.GET.get("format", "xlsx")
    if file_format not in FORMATS:
        file_format = "xlsx"
    exported = export_plan(plan=plan, file_format=file_format)
    return download(exported.content, exported.filename, exported.content_type)
