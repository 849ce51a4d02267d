from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render

from sendtrack.accounts.access import address_fixing_areas, runs_the_service
from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.messaging.models import UndeliveredMessage

SHOWN = 200


@login_required
def undelivered(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Messages the sending service refused, for the council's staff to correct the address."""
    areas = [area.pk for area in address_fixing_areas(request.user)]
    every_area = runs_the_service(request.user)
    if not areas and not every_area:
        raise PermissionDenied
    rows = UndeliveredMessage.objects.select_related("user", "local_area")
    if not every_area:
        rows = rows.filter(Q(local_area_id__in=areas))
    return render(request, "messaging/undelivered.html", {"rows": rows[:SHOWN]})
