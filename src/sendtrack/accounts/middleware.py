"""Session limits (30 minutes idle, 12 hours from sign-in) and the second factor before any page."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, resolve_url
from django.urls import Resolver404, resolve, reverse

from sendtrack.accounts.backends import follow_renamed_backend
from sendtrack.accounts.public import public_url_names

SIGNED_IN_AT_KEY = "signed_in_at"
IDLE_RENEWED_AT_KEY = "idle_renewed_at"


class SessionLimitsMiddleware:
    """Ends a session 12 hours after sign-in, and renews its 30 minutes of idle time as it is used.

    Saving the session on every request (Django's SESSION_SAVE_EVERY_REQUEST) costs an UPDATE and
    a commit a page. Instead the idle expiry is moved only when it would move by more than
    SESSION_RENEW_AFTER_SECONDS (a minute): a session still ends after 30 minutes without a request,
    give or take that minute (never later than 30 minutes, never sooner than 29).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        follow_renamed_backend(request.session)
        if request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT_KEY)
            if signed_in_at is None:
                request.session[SIGNED_IN_AT_KEY] = time.time()
            elif time.time() - float(signed_in_at) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(f"{resolve_url(settings.LOGIN_URL)}?expired=1")
        response = self.get_response(request)
        if request.user.is_authenticated:  # not after signing out
            renew_idle_expiry(request.session)
        return response


def renew_idle_expiry(session: SessionBase) -> None:
    """Mark the session to be saved (which moves its idle expiry to now + SESSION_COOKIE_AGE) when it
    was last saved more than SESSION_RENEW_AFTER_SECONDS ago, or is being saved anyway."""
    now = time.time()
    renewed_at = session.get(IDLE_RENEWED_AT_KEY)
    stale = renewed_at is None or now - float(renewed_at) > settings.SESSION_RENEW_AFTER_SECONDS
    if session.modified or stale:
        session[IDLE_RENEWED_AT_KEY] = now


# Pages a signed-in person may open before their second factor: the way through it, and the way out.
MFA_URL_NAMES = frozenset(
    {
        "accounts:mfa-setup",
        "accounts:mfa-verify",
        "accounts:sign-out",
        "accounts:signed-out",
    }
)
MFA_REQUIRED_FOR_API = (
    "Multi-factor authentication is needed: enter a code from your authenticator app, or use an API token"
)


class RequireMFAMiddleware:
    """Everyone signed in with only a password is sent to the second factor before any other page.

    Someone with no authenticator app yet goes to set one up; someone with one, to enter a code.
    Public pages, the MFA pages, sign-out, static files and the health check stay open. The API
    answers 403 in JSON instead of redirecting; bearer tokens do not use sessions and are unaffected.
    Staff and families alike: see docs/decisions/0004-mfa-for-everyone-who-signs-in.md.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._needs_second_factor(request):
            return self._ask_for_second_factor(request)
        return self.get_response(request)

    def _needs_second_factor(self, request: HttpRequest) -> bool:
        if settings.MFA_DEV_BYPASS or not settings.MFA_REQUIRED:
            return False
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]  # django-otp adds it
            return False
        path = request.path_info
        if path.startswith((settings.STATIC_URL, "/healthz", "/readyz")):
            return False
        if path.startswith("/api/"):
            return True
        try:
            view_name = resolve(path).view_name
        except Resolver404:
            return False
        return view_name not in MFA_URL_NAMES and view_name not in public_url_names()

    def _ask_for_second_factor(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": MFA_REQUIRED_FOR_API}, status=403)
        from sendtrack.accounts.mfa import has_confirmed_device
        from sendtrack.accounts.models import User

        user = request.user
        confirmed = isinstance(user, User) and has_confirmed_device(user)
        step = "accounts:mfa-verify" if confirmed else "accounts:mfa-setup"
        destination = f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request"):
            # htmx would swap the MFA page into a fragment; ask it to load the whole page instead.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = destination
            return response
        return redirect(destination)
