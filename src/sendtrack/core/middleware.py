from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreForSignedInMiddleware:
    """Pages shown to a signed-in person may hold a child's data: browsers must not keep them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response


class AccessLogUnavailableMiddleware:
    """A page that could not log its read of a child's record answers 503 and shows nothing of it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.shortcuts import render

        from sendtrack.casework.services.access_log import AccessLogUnavailable
        from sendtrack.casework.views.common import ACCESS_LOG_UNAVAILABLE

        if not isinstance(exception, AccessLogUnavailable):
            return None
        return render(
            request, "casework/access_log_unavailable.html", {"message": ACCESS_LOG_UNAVAILABLE}, status=503
        )
