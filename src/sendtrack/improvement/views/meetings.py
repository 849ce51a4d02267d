"""Board meetings, their reports, approval and publication of a plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sendtrack.improvement import selectors
from sendtrack.improvement.forms import ApprovalForm, PublishPlanForm
from sendtrack.improvement.models import ImprovementPlan, Meeting
from sendtrack.improvement.services.board_reports import FORMATS, render_board_report
from sendtrack.improvement.services.publication import (
    PublicationRefused,
    change_approval_status,
    publish_plan,
)
from sendtrack.improvement.views.plans import download


def _meeting_or_404(plan: ImprovementPlan, meeting_id: int) -> Meeting:
    meeting = selectors.meetings_for(plan).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


@login_required
def meeting_detail(request: HttpRequest, plan_id: int, meeting_id: int) -> HttpResponse:
    plan = selectors.get_visible_plan_or_404(request.user, plan_id)  # type: ignore[arg-type]
    meeting = _meeting_or_404(plan, meeting_id)
    return render(
        request,
        "improvement/meeting.html",
        {
            "plan": plan,
            "meeting": meeting,
            "summary": selectors.plan_summary(plan, meeting.held_on),
            "previous": selectors.previous_meeting(meeting),
            "versions": meeting.versions.filter(plan=plan),
        },
    )


@login_required
def board_report(request: HttpRequest, plan_id: int, meeting_id: int) -> HttpResponse:
    plan = selectors.get_visible_plan_or_404(request.user, plan_id)  # type: ignore[arg-type]
    meeting = _meeting_or_404(plan, meeting_id)
    file_format = request.GET.get("format", "docx")
    if file_format not in FORMATS:
        raise Http404("No such format")
    content, filename, content_type = render_board_report(plan=plan, meeting=meeting, file_format=file_format)
    return download(content, filename, content_type)


def _managed_plan(request: HttpRequest, plan_id: int) -> ImprovementPlan:
    plan = selectors.get_visible_plan_or_404(request.user, plan_id)  # type: ignore[arg-type]
    if not selectors.can_manage_plan(request.user, plan):  # type: ignore[arg-type]
        raise PermissionDenied
    return plan


@login_required
def publish(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _managed_plan(request, plan_id)
    meetings = list(selectors.meetings_for(plan))
    form = PublishPlanForm(request.POST or None, plan=plan, meetings=meetings)
    if form.is_valid():
        meeting = next((m for m in meetings if m.pk == form.cleaned_data.get("meeting")), None)
        try:
            version = publish_plan(
                plan=plan,
                by=request.user,
                meeting=meeting,  # type: ignore[arg-type]
                unapproved_reason=form.cleaned_data.get("unapproved_reason", ""),
            )
        except PublicationRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Version {version.number} of {plan.name} is published")
            return redirect(plan)
    return render(
        request,
        "improvement/publish_plan.html",
        {"plan": plan, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def change_approval(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _managed_plan(request, plan_id)
    form = ApprovalForm(request.POST or None, initial={"status": plan.approval_status})
    if form.is_valid():
        change_approval_status(
            plan=plan,
            by=request.user,
            status=form.cleaned_data["status"],  # type: ignore[arg-type]
            on=form.cleaned_data["changed_on"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, f"{plan.name} is now {plan.get_approval_status_display().lower()}")
        return redirect(plan)
    return render(
        request,
        "improvement/change_approval.html",
        {"plan": plan, "form": form},
        status=400 if form.errors else 200,
    )
