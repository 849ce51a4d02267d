"""Tracking and case sampling pages: the leads (named by a SEND manager), the children, consent,
and the packs, which only the named leads see, make and download."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.http import require_POST

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.casework.access import Purpose
from sendtrack.core.pages import render_form
from sendtrack.inspection import tracking_selectors as selectors
from sendtrack.inspection import tracking_services as services
from sendtrack.inspection.forms import NamedChildForm, ThemeForm
from sendtrack.inspection.models import Consent, Notification, Sample
from sendtrack.inspection.packs import PDF_TYPE, ZIP_TYPE, open_case, stem

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)


def _page(
    request: AuthenticatedHttpRequest,
    notification: Notification,
    *,
    lead: bool,
    names: bool,
    named_form: NamedChildForm | None = None,
) -> HttpResponse:
    children = list(selectors.tracked_children(notification)) if lead else []
    named_form = named_form or NamedChildForm()
    return render_form(
        request,
        "inspection/tracking.html",
        {
            "notification": notification,
            "lead": lead,
            "names": names,
            "leads": list(selectors.leads_of(notification)),
            "possible_leads": selectors.possible_leads(notification) if names else [],
            "named": [c for c in children if c.sample == Sample.NAMED],
            "samples": [
                (label, [c for c in children if c.sample == value])
                for value, label in Sample.choices
                if value != Sample.NAMED
            ],
            "documents_due": selectors.documents_due(notification),
            "today": timezone.localdate(),
            "named_form": named_form,
            "theme_form": ThemeForm(),
            "consents": Consent.choices,
            "quotas": selectors.quotas(),
        },
        named_form,
    )


@login_required
def tracking(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification, lead, names = selectors.get_tracking_notification_or_404(request.user, pk)
    return _page(request, notification, lead=lead, names=names)


def _as_lead(request: AuthenticatedHttpRequest, pk: int) -> Notification:
    notification, lead, _ = selectors.get_tracking_notification_or_404(request.user, pk)
    if not lead:
        raise Http404("No such inspection")
    return notification


def _posted_by_a_lead(
    view: Callable[Concatenate[AuthenticatedHttpRequest, Notification, P], R],
) -> Callable[..., R]:
    """A form of the tracking page that only the named leads send; the view is given the notification."""

    def posted(request: AuthenticatedHttpRequest, pk: int, *args: P.args, **kwargs: P.kwargs) -> R:
        return view(request, _as_lead(request, pk), *args, **kwargs)

    functools.update_wrapper(posted, view)
    return login_required(require_POST(posted))


def _back(notification: Notification) -> HttpResponse:
    return redirect("inspection:tracking", notification.pk)


@login_required
@require_POST
def change_leads(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification, _, names = selectors.get_tracking_notification_or_404(request.user, pk)
    if not names:
        raise PermissionDenied
    user = request.user
    if request.POST.get("remove"):
        services.remove_lead(notification=notification, user_id=int(request.POST["remove"]), by=user)
        messages.success(request, "The lead is removed")
    else:
        chosen = next(
            (u for u in selectors.possible_leads(notification) if str(u.pk) == request.POST.get("user")), None
        )
        if chosen is None:
            messages.error(request, "Select someone from the list to name as a lead")
        else:
            services.name_lead(notification=notification, user=chosen, by=user)
            messages.success(request, f"{chosen} is named as an inspection lead")
    return _back(notification)


@_posted_by_a_lead
def add_named(request: AuthenticatedHttpRequest, notification: Notification) -> HttpResponse:
    form = NamedChildForm(request.POST)
    if form.is_valid():
        try:
            services.add_named_child(
                notification=notification, case_ref=form.cleaned_data["case_ref"], by=request.user
            )
        except services.TrackingRefused as refused:
            form.add_error("case_ref", str(refused))
        else:
            messages.success(
                request, f"Case {form.cleaned_data['case_ref'].strip()} is added to the tracked children"
            )
            return _back(notification)
    return _page(request, notification, lead=True, names=False, named_form=form)


@_posted_by_a_lead
def draw_rehearsal(request: AuthenticatedHttpRequest, notification: Notification) -> HttpResponse:
    result = services.draw_rehearsal(notification=notification, by=request.user)
    messages.success(request, f"Drew {len(result.chosen)} children for a rehearsal")
    for shortfall in result.shortfalls:
        messages.warning(request, shortfall)
    return _back(notification)


@_posted_by_a_lead
def draw_theme(request: AuthenticatedHttpRequest, notification: Notification) -> HttpResponse:
    form = ThemeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Select a theme")
        return _back(notification)
    theme = form.cleaned_data["theme"]
    chosen, found = services.draw_themed(notification=notification, theme=theme, by=request.user)
    messages.success(
        request, f"{Sample(theme).label}: drew {len(chosen)} of the {found} children the filter found"
    )
    return _back(notification)


@_posted_by_a_lead
def record_consent(
    request: AuthenticatedHttpRequest, notification: Notification, tracked_id: int
) -> HttpResponse:
    tracked = selectors.get_tracked_or_404(request.user, notification, tracked_id)
    try:
        services.record_consent(
            tracked=tracked,
            consent=request.POST.get("consent", ""),
            on=timezone.localdate(),
            by=request.user,
        )
    except services.TrackingRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"Consent recorded for case {tracked.case.case_ref}")
    return _back(notification)


@_posted_by_a_lead
def make_packs(request: AuthenticatedHttpRequest, notification: Notification) -> HttpResponse:
    """One job makes every listed child's pack; the job page says when they are ready."""
    ids = list(selectors.tracked_children(notification).values_list("pk", flat=True))
    if not ids:
        messages.error(request, "Add the children first: there are no packs to make")
        return _back(notification)
    job = import_string(settings.START_JOB)(
        kind="tracking_packs",
        by=request.user,
        area=notification.local_area,
        unit="packs",
        notification=notification.pk,
        tracked=ids,
    )
    return redirect("jobs:job", job_id=job.pk)


@login_required
def download_pack(request: AuthenticatedHttpRequest, pk: int, tracked_id: int, fmt: str) -> FileResponse:
    """The pack's PDF or zip, for a named lead only: an access-log row and an audit row each time."""
    notification = _as_lead(request, pk)
    tracked = selectors.get_tracked_or_404(request.user, notification, tracked_id)
    name = {"pdf": tracked.pack_pdf, "zip": tracked.pack_zip}.get(fmt)
    if not name or not default_storage.exists(name):
        raise Http404("No pack")
    open_case(tracked, by=request.user, purpose=Purpose.INSPECTION_PACK_DOWNLOADED, path=request.path)
    services.record_pack_downloaded(tracked=tracked, by=request.user, file_format=fmt)
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=f"{stem(tracked)}.{fmt}",
        content_type=PDF_TYPE if fmt == "pdf" else ZIP_TYPE,
    )
