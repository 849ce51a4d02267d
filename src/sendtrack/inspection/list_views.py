"""The person-level lists page and its downloads: for the area's SEND managers only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.inspection import selectors, services
from sendtrack.inspection.person_lists import look_back_start, person_list
from sendtrack.inspection.validation import RULES
from sendtrack.inspection.writers import CONTENT_TYPES, file_name, write


@login_required
def lists(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = selectors.get_notification_or_404(request.user, pk, for_lists=True)
    area, as_of = notification.local_area, notification.notified_on
    built = [person_list(area=area, as_of=as_of, number=number) for number in (1, 2)]
    issues = [
        (issue, reverse("casework:person", args=[issue.case_ref]))
        for listed in built
        for issue in listed.issues
    ]
    return render(
        request,
        "inspection/lists.html",
        {
            "notification": notification,
            "lists": built,
            "issues": issues,
            "rules": RULES,
            "look_back_start": look_back_start(as_of),
        },
    )


@login_required
def download(request: AuthenticatedHttpRequest, pk: int, number: int, fmt: str) -> HttpResponse:
    notification = selectors.get_notification_or_404(request.user, pk, for_lists=True)
    if number not in (1, 2) or fmt not in CONTENT_TYPES:
        raise Http404("No such list")
    area = notification.local_area
    built = person_list(area=area, as_of=notification.notified_on, number=number)
    services.record_list_export(by=request.user, area=area, person_list=built, path=request.path)
    response = HttpResponse(write(built, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name(built, area.code, fmt)}"'
    return response
