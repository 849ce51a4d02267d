"""The web side of the one door: a page that could not log its read of a child's record answers 503."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendtrack.casework.access import ACCESS_LOG_UNAVAILABLE, AccessLogUnavailable

logger = logging.getLogger(__name__)


class AccessLogUnavailableMiddleware:
    """Answers `AccessLogUnavailable` with the polite 503 page, showing nothing of the record."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, AccessLogUnavailable):
            return None
        logger.error("Access log row could not be written for %s", request.path, exc_info=exception)
        return render(
            request, "casework/access_log_unavailable.html", {"message": ACCESS_LOG_UNAVAILABLE}, status=503
        )
