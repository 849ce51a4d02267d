from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from sendtrack.accounts.selectors import active_membership, current_memberships
from sendtrack.core.navigation import navigation_for


def service(request: HttpRequest) -> dict[str, object]:
    membership = active_membership(request) if request.user.is_authenticated else None
    return {
        "service_name": settings.SERVICE_NAME,
        "active_membership": membership,
        "other_memberships": [
            m for m in current_memberships(request.user) if membership is None or m.pk != membership.pk
        ],
        "local_area": membership.organisation.local_area if membership else None,
        "navigation": navigation_for(request, membership),
    }
