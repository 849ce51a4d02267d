"""Staff pages that record inspections, findings, revisit judgements and interventions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.core.templatetags.govuk_dates import govuk_date
from sendtrack.improvement import selectors
from sendtrack.improvement.inspection_forms import (
    FindingForm,
    InspectionForm,
    InterventionForm,
    LinkInspectionForm,
    RevisitJudgementForm,
)
from sendtrack.improvement.services import inspections as services
from sendtrack.improvement.views.records import saved_or_asked_again, stored_file, submitted, uploaded


@login_required
def record_inspection(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.get_managed_plan_or_404(request.user, plan_id)
    earlier = list(selectors.inspections_for(plan))
    form = InspectionForm(submitted(request), uploaded(request), earlier=earlier)

    def save(data: dict[str, Any]) -> str:
        return f"{services.record_inspection(area=plan.local_area, by=request.user, **data)} is recorded"

    return saved_or_asked_again(
        request,
        form=form,
        save=save,
        plan=plan,
        title="Record an inspection",
        submit="Record the inspection",
        upload=True,
    )


@login_required
def link_inspection(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.get_managed_plan_or_404(request.user, plan_id)
    inspections = list(selectors.inspections_for(plan))
    if not inspections:
        return redirect("improvement:record-inspection", plan.pk)
    form = LinkInspectionForm(
        submitted(request), inspections=inspections, initial={"inspection": plan.inspection_id}
    )

    def save(data: dict[str, Any]) -> str:
        services.link_plan_to_inspection(plan=plan, by=request.user, **data)
        return f"{plan.name} is linked to the inspection"

    return saved_or_asked_again(
        request,
        form=form,
        save=save,
        plan=plan,
        title="Which inspection does this plan answer?",
        submit="Save",
    )


@login_required
def record_finding(request: AuthenticatedHttpRequest, plan_id: int, inspection_id: int) -> HttpResponse:
    plan = selectors.get_managed_plan_or_404(request.user, plan_id)
    inspection = selectors.get_inspection_or_404(plan, inspection_id)

    def save(data: dict[str, Any]) -> str:
        services.record_finding(inspection=inspection, by=request.user, **data)
        return "The finding is recorded"

    return saved_or_asked_again(
        request,
        form=FindingForm(submitted(request)),
        save=save,
        plan=plan,
        caption=str(inspection),
        title="Record a finding",
        submit="Record the finding",
    )


@login_required
def record_revisit_judgement(
    request: AuthenticatedHttpRequest, plan_id: int, finding_id: int
) -> HttpResponse:
    plan = selectors.get_managed_plan_or_404(request.user, plan_id)
    finding = selectors.get_finding_or_404(plan, finding_id)
    form = RevisitJudgementForm(submitted(request), initial={"revisit_judgement": finding.revisit_judgement})

    def save(data: dict[str, Any]) -> str:
        services.record_revisit_judgement(finding=finding, by=request.user, **data)
        return "The revisit judgement is recorded"

    return saved_or_asked_again(
        request,
        form=form,
        save=save,
        plan=plan,
        caption=finding.text,
        title="Record the revisit judgement",
        submit="Save",
    )


@login_required
def record_intervention(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.get_managed_plan_or_404(request.user, plan_id)

    def save(data: dict[str, Any]) -> str:
        intervention = services.record_intervention(area=plan.local_area, by=request.user, **data)
        return (
            f"The {intervention.get_kind_display()} is recorded: it can end from "
            f"{govuk_date(intervention.earliest_end)}"
        )

    return saved_or_asked_again(
        request,
        form=InterventionForm(submitted(request)),
        save=save,
        plan=plan,
        title="Record an intervention",
        submit="Record the intervention",
    )


@login_required
def inspection_letter(request: AuthenticatedHttpRequest, plan_id: int, inspection_id: int) -> FileResponse:
    plan = selectors.get_visible_plan_or_404(request.user, plan_id)
    return stored_file(selectors.get_inspection_or_404(plan, inspection_id).letter_file)
