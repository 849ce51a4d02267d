"""Pages for a local area's administrators and SEND managers: who looked at a record, and subject access."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.casework.access import Purpose, get_visible_case_or_404
from sendtrack.casework.models import AccessLog
from sendtrack.core import subject_access

ACCESS_LOG_ROWS = 500


@login_required
def access_log(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    purpose = Purpose.VIEWED_ACCESS_LOG
    case = get_visible_case_or_404(request.user, case_ref, purpose=purpose, path=request.path)
    rows = AccessLog.objects.filter(case=case).select_related("actor").order_by("-at", "-pk")
    return render(request, "casework/access_log.html", {"case": case, "rows": rows[:ACCESS_LOG_ROWS]})


@login_required
def subject_access_request(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    file_format = request.GET.get("format", "")
    exporting = file_format in {"json", "pdf"}
    purpose = Purpose.SUBJECT_ACCESS_EXPORTED if exporting else Purpose.VIEWED_SUBJECT_ACCESS
    case = get_visible_case_or_404(request.user, case_ref, purpose=purpose, path=request.path)
    if not exporting:
        counts = [
            (section, subject_access.rows_about(case.person, model, path).count())
            for section, model, path in subject_access.sections()
        ]
        return render(request, "core/subject_access.html", {"case": case, "counts": counts})
    name = f"subject-access-{case.case_ref}"
    if file_format == "json":
        response = HttpResponse(
            subject_access.subject_access_json(case.person), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    response = HttpResponse(subject_access.subject_access_pdf(case.person), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
