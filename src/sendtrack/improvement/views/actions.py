"""The action list (filterable, exportable), an action's page with its history, and recording an update."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.core.pages import refusal_shown_on
from sendtrack.improvement import selectors
from sendtrack.improvement.forms import ActionFilterForm, ActionUpdateForm
from sendtrack.improvement.renderers import FORMATS, export_plan
from sendtrack.improvement.services import action_updates
from sendtrack.improvement.views.plans import as_of_from, download


@login_required
def action_list(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.get_visible_plan_or_404(request.user, plan_id)
    as_of = as_of_from(request)
    form = ActionFilterForm(request.GET or None, plan=plan)
    filters = selectors.ActionFilters(**form.cleaned_data) if form.is_valid() else selectors.ActionFilters()
    actions = selectors.plan_actions(plan, filters, as_of)
    file_format = request.GET.get("export", "")
    if file_format in FORMATS:
        exported = export_plan(plan=plan, file_format=file_format, actions=actions)
        return download(exported.content, exported.filename, exported.content_type)
    query = request.GET.copy()
    query.pop("export", None)
    return render(
        request,
        "improvement/action_list.html",
        {
            "plan": plan,
            "form": form,
            "actions": actions,
            "as_of": as_of,
            "query": query.urlencode(),
            "summary": selectors.plan_summary(plan, as_of),
        },
    )


def _action_page(
    request: AuthenticatedHttpRequest,
    plan_id: int,
    ref: str,
    form: ActionUpdateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    plan = selectors.get_visible_plan_or_404(request.user, plan_id)
    action = selectors.get_visible_action_or_404(request.user, plan, ref)
    may_update = selectors.can_update_action(request.user, action)
    if may_update and form is None:
        form = ActionUpdateForm(action=action)
    return render(
        request,
        "improvement/action_detail.html",
        {
            "plan": plan,
            "action": action,
            "history": selectors.action_history(action),
            "form": form,
            "may_update": may_update,
            "as_of": as_of_from(request),
        },
        status=status,
    )


@login_required
def action_detail(request: AuthenticatedHttpRequest, plan_id: int, ref: str) -> HttpResponse:
    return _action_page(request, plan_id, ref)


@login_required
def record_action_update(request: AuthenticatedHttpRequest, plan_id: int, ref: str) -> HttpResponse:
    plan = selectors.get_visible_plan_or_404(request.user, plan_id)
    action = selectors.get_visible_action_or_404(request.user, plan, ref)
    if not selectors.can_update_action(request.user, action):
        raise PermissionDenied
    if request.method != "POST":
        return redirect(action)
    form = ActionUpdateForm(request.POST, action=action)
    if form.is_valid():
        with refusal_shown_on(form, action_updates.ActionUpdateRefused):
            action_updates.record_action_update(action=action, by=request.user, **form.cleaned_data)
            messages.success(request, f"Update recorded for action {action.ref}")
            return redirect(action)
    return _action_page(request, plan_id, ref, form=form, status=400)
