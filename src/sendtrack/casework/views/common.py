"""Helpers every casework view shares: the access log guard and who may change a case."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sendtrack.accounts.selectors import la_case_areas
from sendtrack.casework.models import Case
from sendtrack.casework.services import log_access

logger = logging.getLogger(__name__)

ACCESS_LOG_UNAVAILABLE = (
    "Sorry, this record cannot be shown right now because we could not note that you viewed it. "
    "Try again in a few minutes."
)


def log_or_refuse(request: HttpRequest, case: Case, action: str) -> HttpResponse | None:
    """Write the access log row first; if it cannot be written, a polite 503 instead of the record."""
    try:
        log_access(actor=request.user, case=case, action=action, path=request.path)  # type: ignore[arg-type]
    except DatabaseError:
        logger.exception("Access log row could not be written for case id %s", case.pk)
        return render(
            request, "casework/access_log_unavailable.html", {"message": ACCESS_LOG_UNAVAILABLE}, status=503
        )
    return None


def may_change(user: object, case: Case) -> bool:
    """The council's SEND staff of the case's area may record events and edit details."""
    return any(area.pk == case.local_area_id for area in la_case_areas(user))  # type: ignore[arg-type]


def require_change(user: object, case: Case) -> None:
    if not may_change(user, case):
        raise PermissionDenied("Only the local authority's SEND team can change this case")


def today() -> object:
    return timezone.localdate()
