from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendtrack.accounts.models import Role
from sendtrack.accounts.selectors import areas_where
from sendtrack.messaging.models import UndeliveredMessage

STAFF_WHO_FIX_ADDRESSES = frozenset({Role.SEND_MANAGER, Role.ADMINISTRATOR, Role.CASEWORKER})
SHOWN = 200


@login_required
def undelivered(request: HttpRequest) -> HttpResponse:
    """Messages the sending service refused, for the council's staff to correct the address."""
    areas = [area.pk for area in areas_where(request.user, STAFF_WHO_FIX_ADDRESSES)]  # type: ignore[arg-type]
    if not areas and not request.user.is_superuser:
        raise PermissionDenied
    rows = UndeliveredMessage.objects.select_related("user", "local_area")
    if not request.user.is_superuser:
        rows = rows.filter(Q(local_area_id__in=areas))
    return render(request, "messaging/undelivered.html", {"rows": rows[:SHOWN]})
