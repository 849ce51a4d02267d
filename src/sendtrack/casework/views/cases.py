"""A person's record: details, timeline, flags, and the forms that record the next event."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.models import LA_CASE_ROLES, User
from sendtrack.casework import access, forecasts, person_reads, person_tables, services
from sendtrack.casework.access import Purpose, get_visible_case_or_404
from sendtrack.casework.forms import EVENT_LABELS, CaseDetailsForm, CorrectionForm, EventForm
from sendtrack.casework.links import CaseLinks, correct_event_url, record_event_url
from sendtrack.casework.models import CaseEvent, Stage
from sendtrack.casework.selectors import STAGE_LABELS

NEXT_EVENTS = {
    Stage.NO_REQUEST: ["request_received"],
    Stage.RECEIVED: ["assessment_decision", "request_withdrawn"],
    Stage.ASSESSING: ["advice_requested", "advice_received", "draft_plan_issued", "plan_decision"],
    Stage.AWAITING_DECISION: ["plan_decision", "draft_plan_issued"],
    Stage.DRAFT_ISSUED: ["setting_consulted", "final_plan_issued"],
    Stage.CONSULTATION: ["setting_responded", "final_plan_issued"],
    Stage.FINAL_ISSUED: ["review_meeting", "review_decision", "phase_transfer", "request_received"],
    Stage.REFUSED: ["mediation", "tribunal_appeal", "request_received"],
    Stage.WITHDRAWN: ["request_received"],
}


@login_required
def person(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.VIEWED_RECORD, path=request.path)
    may_change = access.may_change_case(request.user, case)
    events = person_reads.events(case.pk)
    milestones = person_reads.milestones(case.pk)
    person_url = CaseLinks().person(case.case_ref)
    if may_change:  # the forms' addresses, worked out once here rather than by a {% url %} each
        for event in events:
            event.correct_url = correct_event_url(person_url, event.id)
    if forecasts.FORECAST.shown([case.local_area_id]):
        step_forecasts = forecasts.FORECAST.of_case(case)
        for milestone in milestones:
            milestone.forecast = step_forecasts.get((milestone.rule, milestone.start))
    context = {
        "case": case,
        "person": case.person,
        "stage": STAGE_LABELS.get(case.stage, case.stage),
        "may_change": may_change,
        "may_administer": access.may_administer_case(request.user, case),
        "may_see_documents": access.may_see_documents(request.user, case),
        "next_events": person_tables.links_html(
            [(record_event_url(person_url, t), EVENT_LABELS[t]) for t in NEXT_EVENTS.get(case.stage, [])]
        ),
        "all_events": person_tables.links_html(
            [(record_event_url(person_url, t), label) for t, label in EVENT_LABELS.items()]
        ),
        "flags": person_reads.flags(case.pk),
        "milestone_rows": person_tables.milestones_html(milestones),
        "event_rows": person_tables.events_html(events, may_change),
    }
    return render(request, "casework/person.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def record_event(request: AuthenticatedHttpRequest, case_ref: str, event_type: str) -> HttpResponse:
    if event_type not in EVENT_LABELS:
        raise Http404("No such event")
    case = get_visible_case_or_404(
        request.user, case_ref, purpose=Purpose.OPENED_EVENT_FORM, path=request.path
    )
    form = EventForm(request.POST if request.method == "POST" else None, case=case, event_type=event_type)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_event(
                case=case,
                by=request.user,
                event=form.event(),
                organisation=form.cleaned_data.get("organisation") or form.cleaned_data.get("setting"),
                panel_meeting=form.cleaned_data.get("panel_meeting"),
            )
        except services.EventRejected as rejected:
            form.add_error(None, rejected.message)
        else:
            messages.success(request, f"{EVENT_LABELS[event_type]} recorded")
            return redirect(case)
    return render(
        request,
        "casework/record_event.html",
        {"case": case, "form": form, "title": EVENT_LABELS[event_type], "event_type": event_type},
    )


@login_required
@require_http_methods(["GET", "POST"])
def correct_event(request: AuthenticatedHttpRequest, case_ref: str, event_id: int) -> HttpResponse:
    case = get_visible_case_or_404(
        request.user, case_ref, purpose=Purpose.OPENED_CORRECTION_FORM, path=request.path
    )
    original = get_object_or_404(CaseEvent, case=case, pk=event_id, corrections__isnull=True)
    if original.type == CaseEvent.REMOVED:
        raise Http404("No such event")
    data = request.POST if request.method == "POST" else None
    correction = CorrectionForm(data)
    initial = {k: v for k, v in original.data.items() if k != "type"}
    if "from" in initial:
        initial["adviser"] = initial.pop("from")
    form = EventForm(data, case=case, event_type=original.type, replacing=original, initial=initial)
    if request.method == "POST" and correction.is_valid():
        remove = correction.cleaned_data["remove"]
        if remove or form.is_valid():
            try:
                services.correct_event(
                    case=case,
                    by=request.user,
                    original=original,
                    event=None if remove else form.event(),
                    reason=correction.cleaned_data["reason"],
                )
            except services.EventRejected as rejected:
                correction.add_error(None, rejected.message)
            else:
                messages.success(request, "Correction recorded")
                return redirect(case)
    elif request.method == "POST":
        form.is_valid()
    return render(
        request,
        "casework/correct_event.html",
        {
            "case": case,
            "form": form,
            "correction": correction,
            "original": original,
            "title": EVENT_LABELS.get(original.type, original.type),
        },
    )


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


@login_required
@require_http_methods(["GET", "POST"])
def edit_details(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    purpose = Purpose.EDITED_DETAILS if request.method == "POST" else Purpose.OPENED_DETAILS_FORM
    case = get_visible_case_or_404(request.user, case_ref, purpose=purpose, path=request.path)
    caseworkers = User.objects.filter(
        memberships__organisation__local_area_id=case.local_area_id,
        memberships__role__in=LA_CASE_ROLES,
        memberships__ended_on__isnull=True,
    ).distinct()
    person = case.person
    initial = {
        "version": case.version,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth": person.date_of_birth,
        "upn": person.upn,
        "uln": person.uln,
        "upn_unknown": person.upn_unknown,
        "sex": person.sex if person.sex in ("M", "F") else "",
        "ethnicity": person.ethnicity,
        "primary_need": person.primary_need,
        "sen_unit": _yes_no(person.sen_unit),
        "resourced_provision": _yes_no(person.resourced_provision),
        "residential": person.residential,
        "personal_budget": _yes_no(person.personal_budget),
        "setting": person.setting_id,
        "caseworker": case.caseworker_id,
    }
    form = CaseDetailsForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        case=case,
        caseworkers=caseworkers,
    )
    if request.method == "POST" and form.is_valid():
        details = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.update_case_details(
                case=case,
                by=request.user,
                version=form.cleaned_data["version"],
                details=details,
            )
        except services.EditConflict as conflict:
            case.refresh_from_db(fields=["version"])
            form.data = form.data.copy()
            form.data["version"] = str(case.version)
            form.add_error(None, str(conflict))
        else:
            messages.success(request, "Case details saved")
            return redirect(case)
    return render(request, "casework/edit_details.html", {"case": case, "form": form})
