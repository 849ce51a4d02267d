"""The JSON API at /api/: one NinjaAPI, a router per app."""

from __future__ import annotations

import hashlib

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.security import HttpBearer, django_auth

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.models import ApiToken
from sendtrack.accounts.selectors import current_memberships
from sendtrack.casework.access import ACCESS_LOG_UNAVAILABLE, AccessLogUnavailable


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> object | None:
        digest = hashlib.sha256(token.encode()).hexdigest()
        api_token = (
            ApiToken.objects.select_related("user").filter(digest=digest, user__is_active=True).first()
        )
        if api_token is None:
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.user
        return api_token.user


api = NinjaAPI(
    title="sendtrack API",
    version="1",
    description="Cases, timelines, improvement plans and KPIs of a local area's SEND partnership.",
    auth=[django_auth, BearerToken()],
    urls_namespace="api",
)


NOT_ALLOWED = "You do not have permission to change this record"


@api.exception_handler(AccessLogUnavailable)
def access_log_unavailable(request: HttpRequest, exc: AccessLogUnavailable) -> HttpResponse:
    """The read of a child's record could not be logged: 503, and nothing of the record."""
    return api.create_response(request, {"detail": ACCESS_LOG_UNAVAILABLE}, status=503)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    """Someone who can see a record but may not change it."""
    return api.create_response(request, {"detail": str(exc) or NOT_ALLOWED}, status=403)


class MembershipOut(Schema):
    organisation: str
    organisation_kind: str
    local_area: str
    local_area_code: str
    role: str


class MeOut(Schema):
    email: str
    full_name: str
    memberships: list[MembershipOut]


@api.get("/me", response=MeOut, summary="Who the caller is and what they belong to")
def me(request: AuthenticatedHttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "email": user.email,
        "full_name": user.full_name,
        "memberships": [
            {
                "organisation": m.organisation.name,
                "organisation_kind": m.organisation.kind,
                "local_area": m.organisation.local_area.name,
                "local_area_code": m.organisation.local_area.code,
                "role": m.role,
            }
            for m in current_memberships(user)
        ],
    }


def _add_app_routers() -> None:
    from sendtrack.casework.api import router as casework_router
    from sendtrack.forecast.api import router as forecast_router
    from sendtrack.improvement.api import router as improvement_router
    from sendtrack.performance.api import router as performance_router
    from sendtrack.portal.api import router as portal_router

    api.add_router("/", casework_router)
    api.add_router("/", forecast_router)
    api.add_router("/", improvement_router)
    api.add_router("/", performance_router)
    api.add_router("/", portal_router)


_add_app_routers()
