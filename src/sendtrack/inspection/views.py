"""The inspection pages: the call, the clock, and (in lists.py) the person-level lists."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.models import LocalArea
from sendtrack.core.pages import render_form
from sendtrack.inspection import selectors, services
from sendtrack.inspection.clock import CLOCK
from sendtrack.inspection.forms import ChildrenNamedForm, NotificationForm, TaskDoneForm
from sendtrack.inspection.models import Notification
from sendtrack.inspection.outcome_services import outcome_key
from sendtrack.inspection.outcomes import OUTCOMES, next_visits


@login_required
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    clock_areas = selectors.clock_area_ids(user)
    led = selectors.led_notification_ids(user)
    if not clock_areas and not led:
        raise PermissionDenied
    manager_areas = LocalArea.objects.filter(pk__in=selectors.list_area_ids(user))
    form = NotificationForm(request.POST or None)
    if request.method == "POST":
        area = manager_areas.filter(pk=request.POST.get("area")).first() or manager_areas.first()
        if area is None:
            raise PermissionDenied
        if form.is_valid():
            notification = services.record_notification(area=area, by=user, **form.cleaned_data)
            return redirect("inspection:clock", notification.pk)
    return render(
        request,
        "inspection/notifications.html",
        {
            "notifications": selectors.notifications_visible_to(user),
            "clock_areas": clock_areas,
            "led": led,
            "manager_area_ids": {area.pk for area in manager_areas},
            "form": form,
            "manager_areas": list(manager_areas),
        },
    )


def _clock_page(
    request: AuthenticatedHttpRequest,
    notification: Notification,
    *,
    task_form: TaskDoneForm,
    named_form: ChildrenNamedForm,
) -> HttpResponse:
    return render_form(
        request,
        "inspection/clock.html",
        {
            "notification": notification,
            "tasks": selectors.tasks_of(notification),
            "today": timezone.localdate(),
            "clock": CLOCK,
            "may_change": selectors.may_change(request.user, notification),
            "task_form": task_form,
            "named_form": named_form,
            **_after_the_letter(notification),
        },
        task_form,
        named_form,
    )


def _after_the_letter(notification: Notification) -> dict[str, object]:
    inspection = notification.inspection
    key = outcome_key(notification)
    visits = (
        next_visits(key, inspection.letter_published_on) if key and inspection.letter_published_on else []
    )
    return {
        "outcome": OUTCOMES[key] if key else None,
        "visits": visits,
        "findings": list(inspection.findings.select_related("priority_area")),
        "plans": list(inspection.plans.all()),
    }


@login_required
def clock(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = selectors.get_notification_or_404(request.user, pk)
    return _clock_page(request, notification, task_form=TaskDoneForm(), named_form=ChildrenNamedForm())


@login_required
@require_POST
def mark_task_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    form = TaskDoneForm(request.POST)
    return _clock_form_sent(request, pk, form, services.mark_task_done, "The task is marked done")


@login_required
@require_POST
def record_children_named(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    form = ChildrenNamedForm(request.POST)
    done = "The day the children were named is recorded"
    return _clock_form_sent(request, pk, form, services.record_children_named, done)


def _clock_form_sent(
    request: AuthenticatedHttpRequest,
    pk: int,
    form: TaskDoneForm | ChildrenNamedForm,
    save: Callable[..., object],
    done: str,
) -> HttpResponse:
    """One of the clock page's forms sent: saved and back to the clock, or the page again with its errors."""
    notification = selectors.get_changeable_notification_or_404(request.user, pk)
    if not form.is_valid():
        task_form = form if isinstance(form, TaskDoneForm) else TaskDoneForm()
        named_form = form if isinstance(form, ChildrenNamedForm) else ChildrenNamedForm()
        return _clock_page(request, notification, task_form=task_form, named_form=named_form)
    save(notification=notification, by=request.user, **form.cleaned_data)
    messages.success(request, done)
    return redirect("inspection:clock", notification.pk)
