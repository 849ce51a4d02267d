"""Session limits: 30 minutes idle (SESSION_COOKIE_AGE) and 12 hours from sign-in."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url

SIGNED_IN_AT_KEY = "signed_in_at"


class SessionLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT_KEY)
            if signed_in_at is None:
                request.session[SIGNED_IN_AT_KEY] = time.time()
            elif time.time() - float(signed_in_at) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(f"{resolve_url(settings.LOGIN_URL)}?expired=1")
        return self.get_response(request)
