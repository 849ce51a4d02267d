"""Board meetings, their reports, approval and publication of a plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.core.pages import refusal_shown_on, render_form
from sendtrack.improvement import selectors
from sendtrack.improvement.board_report_renderer import FORMATS, render_board_report
from sendtrack.improvement.forms import ApprovalForm, BoardForm, MeetingForm, PublishPlanForm
from sendtrack.improvement.models import ImprovementPlan, Meeting
from sendtrack.improvement.services.boards import record_board as record_board_service
from sendtrack.improvement.services.boards import record_meeting as record_meeting_service
from sendtrack.improvement.services.publication import (
    PublicationRefused,
    change_approval_status,
    publish_plan,
)
from sendtrack.improvement.views.plans import download
from sendtrack.improvement.views.records import form_page, stored_file, submitted, uploaded
from sendtrack.jobs.models import JobKind
from sendtrack.jobs.services import start_job


def _meeting_or_404(plan: ImprovementPlan, meeting_id: int) -> Meeting:
    return selectors.get_meeting_or_404(plan, meeting_id)


@login_required
def meeting_detail(request: AuthenticatedHttpRequest, plan_id: int, meeting_id: int) -> HttpResponse:
    plan = selectors.get_visible_plan_or_404(request.user, plan_id)
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
            "may_manage": selectors.can_manage_plan(request.user, plan),
        },
    )


@login_required
def board_report(request: AuthenticatedHttpRequest, plan_id: int, meeting_id: int) -> HttpResponse:
    plan = selectors.get_visible_plan_or_404(request.user, plan_id)
    meeting = _meeting_or_404(plan, meeting_id)
    file_format = (request.POST if request.method == "POST" else request.GET).get("format", "docx")
    if file_format not in FORMATS:
        raise Http404("No such format")
    if request.method == "POST":
        job = start_job(
            kind=JobKind.BOARD_REPORT,
            by=request.user,
            area=plan.local_area,
            unit="reports",
            plan=plan.pk,
            meeting=meeting.pk,
            format=file_format,
        )
        return redirect("jobs:job", job_id=job.pk)
    content, filename, content_type = render_board_report(plan=plan, meeting=meeting, file_format=file_format)
    return download(content, filename, content_type)


def _managed_plan(request: AuthenticatedHttpRequest, plan_id: int) -> ImprovementPlan:
    return selectors.get_managed_plan_or_404(request.user, plan_id)


@login_required
def publish(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = _managed_plan(request, plan_id)
    meetings = list(selectors.meetings_for(plan))
    form = PublishPlanForm(request.POST or None, plan=plan, meetings=meetings)
    if form.is_valid():
        meeting = next((m for m in meetings if m.pk == form.cleaned_data.get("meeting")), None)
        with refusal_shown_on(form, PublicationRefused):
            version = publish_plan(
                plan=plan,
                by=request.user,
                meeting=meeting,
                unapproved_reason=form.cleaned_data.get("unapproved_reason", ""),
            )
            messages.success(request, f"Version {version.number} of {plan.name} is published")
            return redirect(plan)
    return render_form(request, "improvement/publish_plan.html", {"plan": plan, "form": form})


@login_required
def change_approval(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = _managed_plan(request, plan_id)
    form = ApprovalForm(request.POST or None, initial={"status": plan.approval_status})
    if form.is_valid():
        change_approval_status(
            plan=plan,
            by=request.user,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["changed_on"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, f"{plan.name} is now {plan.get_approval_status_display().lower()}")
        return redirect(plan)
    return render_form(request, "improvement/change_approval.html", {"plan": plan, "form": form})


@login_required
def meeting_papers(request: AuthenticatedHttpRequest, plan_id: int, meeting_id: int) -> FileResponse:
    plan = selectors.get_visible_plan_or_404(request.user, plan_id)
    return stored_file(_meeting_or_404(plan, meeting_id).papers)


@login_required
def record_board(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = _managed_plan(request, plan_id)
    taken = set(selectors.boards_for(plan).values_list("name", flat=True))
    form = BoardForm(submitted(request), taken=taken)
    if form.is_valid():
        board = record_board_service(area=plan.local_area, by=request.user, **form.cleaned_data)
        messages.success(request, f"{board.name} is recorded: you can now record its meetings")
        return redirect("improvement:record-meeting", plan.pk)
    return form_page(request, form=form, plan=plan, title="Record a board", submit="Record the board")


@login_required
def record_meeting(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = _managed_plan(request, plan_id)
    boards = list(selectors.boards_for(plan))
    if not boards:
        return redirect("improvement:record-board", plan.pk)
    board_id = request.GET.get("board", "")
    form = MeetingForm(
        submitted(request),
        uploaded(request),
        boards=boards,
        workstreams=list(plan.workstreams.all()),
        initial={
            "board": int(board_id) if board_id.isdigit() else (boards[0].pk if len(boards) == 1 else None)
        },
    )
    if form.is_valid():
        meeting = record_meeting_service(by=request.user, **form.cleaned_data)
        messages.success(request, f"The meeting of {meeting.board.name} is recorded")
        return redirect("improvement:meeting", plan.pk, meeting.pk)
    return form_page(
        request,
        form=form,
        plan=plan,
        title="Record a board meeting",
        submit="Record the meeting",
        upload=True,
        also=("Record a new board", "improvement:record-board"),
    )
