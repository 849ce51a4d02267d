"""After the letter: recording the outcome and starting the plan, for the area's SEND managers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.core.pages import refusal_shown_on, render_form
from sendtrack.inspection import outcome_services as services
from sendtrack.inspection import selectors
from sendtrack.inspection.forms import OutcomeForm


@login_required
def record_outcome(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = selectors.get_changeable_notification_or_404(request.user, pk)
    form = OutcomeForm(request.POST or None)
    if form.is_valid():
        with refusal_shown_on(form, services.OutcomeRefused):
            services.record_outcome(notification=notification, by=request.user, **form.cleaned_data)
            messages.success(request, "The outcome is recorded")
            return redirect("inspection:clock", notification.pk)
    return render_form(
        request, "inspection/record_outcome.html", {"notification": notification, "form": form}
    )


@login_required
@require_POST
def start_plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = selectors.get_changeable_notification_or_404(request.user, pk)
    try:
        plan = services.start_priority_action_plan(notification=notification, by=request.user)
    except services.OutcomeRefused as refused:
        messages.error(request, str(refused))
        return redirect("inspection:clock", notification.pk)
    return redirect(plan)
