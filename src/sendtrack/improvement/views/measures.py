"""Staff pages that record a plan's measures, their milestones and their actuals."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.improvement import selectors
from sendtrack.improvement.forms import MeasureForm, MeasurePointForm
from sendtrack.improvement.services import measures as services
from sendtrack.improvement.views.records import saved_or_asked_again, submitted


@login_required
def record_measure(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.get_managed_plan_or_404(request.user, plan_id)
    form = MeasureForm(
        submitted(request), findings=list(selectors.findings_for(plan)), kpi_choices=selectors.kpi_choices()
    )

    def save(data: dict[str, Any]) -> str:
        measure = services.record_measure(plan=plan, by=request.user, **data)
        return f"The measure {measure.name} is recorded"

    return saved_or_asked_again(
        request, form=form, save=save, plan=plan, title="Record a measure", submit="Record the measure"
    )


def _record_point(
    request: AuthenticatedHttpRequest, plan_id: int, measure_id: int, *, actual: bool
) -> HttpResponse:
    plan = selectors.get_managed_plan_or_404(request.user, plan_id)
    measure = selectors.get_measure_or_404(plan, measure_id)
    if actual and measure.is_bound:
        messages.info(request, f"The actuals of {measure.name} are counted from its KPI, not typed in")
        return redirect("improvement:readiness", plan.pk)
    form = MeasurePointForm(submitted(request), actual=actual, baseline_on=measure.baseline_on)

    def save(data: dict[str, Any]) -> str:
        record = services.record_measure_actual if actual else services.record_measure_milestone
        record(measure=measure, by=request.user, **data)
        return f"The {'actual' if actual else 'milestone'} for {measure.name} is recorded"

    return saved_or_asked_again(
        request,
        form=form,
        save=save,
        plan=plan,
        caption=measure.name,
        title="Add an actual" if actual else "Add a milestone",
        submit="Save",
    )


@login_required
def record_milestone(request: AuthenticatedHttpRequest, plan_id: int, measure_id: int) -> HttpResponse:
    return _record_point(request, plan_id, measure_id, actual=False)


@login_required
def record_actual(request: AuthenticatedHttpRequest, plan_id: int, measure_id: int) -> HttpResponse:
    return _record_point(request, plan_id, measure_id, actual=True)
