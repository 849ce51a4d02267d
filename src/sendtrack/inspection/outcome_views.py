"""After the letter: recording the outcome and starting the plan, for the area's SEND managers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sendtrack.inspection import outcome_services as services
from sendtrack.inspection import selectors
from sendtrack.inspection.forms import OutcomeForm
from sendtrack.inspection.models import Notification


def _changeable(request: HttpRequest, pk: int) -> Notification:
    notification = selectors.get_notification_or_404(request.user, pk)  # type: ignore[arg-type]
    if not selectors.may_change(request.user, notification):  # type: ignore[arg-type]
        raise PermissionDenied
    return notification


@login_required
def record_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    notification = _changeable(request, pk)
    form = OutcomeForm(request.POST or None)
    if form.is_valid():
        try:
            services.record_outcome(notification=notification, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except services.OutcomeRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "The outcome is recorded")
            return redirect("inspection:clock", notification.pk)
    return render(
        request,
        "inspection/record_outcome.html",
        {"notification": notification, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def start_plan(request: HttpRequest, pk: int) -> HttpResponse:
    notification = _changeable(request, pk)
    try:
        plan = services.start_priority_action_plan(notification=notification, by=request.user)  # type: ignore[arg-type]
    except services.OutcomeRefused as refused:
        messages.error(request, str(refused))
        return redirect("inspection:clock", notification.pk)
    return redirect(plan)
