"""The history page of a child's record: every audited change, newest first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.casework.access import Purpose, get_visible_case_or_404
from sendtrack.casework.history import case_history


@login_required
def history(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.VIEWED_HISTORY, path=request.path)
    return render(request, "casework/history.html", {"case": case, "entries": case_history(case)})
