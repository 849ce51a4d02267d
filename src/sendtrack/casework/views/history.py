"""The history page of a child's record: every audited change, newest first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendtrack.casework.history import case_history
from sendtrack.casework.selectors import get_visible_case_or_404
from sendtrack.casework.services.access_log import VIEWED_HISTORY
from sendtrack.casework.views.common import log_or_refuse


@login_required
def history(request: HttpRequest, case_ref: str) -> HttpResponse:
    case = get_visible_case_or_404(request.user, case_ref)  # type: ignore[arg-type]
    refused = log_or_refuse(request, case, VIEWED_HISTORY)
    if refused:
        return refused
    return render(request, "casework/history.html", {"case": case, "entries": case_history(case)})
