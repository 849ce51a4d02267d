"""Pages for a local area's administrators and SEND managers: who looked at a record, and subject access."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sendtrack.casework.models import AccessLog, Case
from sendtrack.casework.views.common import log_or_refuse
from sendtrack.core import subject_access

ACCESS_LOG_ROWS = 500
SUBJECT_ACCESS_EXPORTED = "subject access export"


def get_administered_case_or_404(user: object, case_ref: str) -> Case:
    """The case with this reference in an area the user administers; the same 404 otherwise."""
    case = (
        subject_access.cases_administered_by(user)  # type: ignore[arg-type]
        .select_related("person")
        .filter(case_ref=case_ref)
        .order_by("local_area_id")
        .first()
    )
    if case is None:
        raise Http404("No case found")
    return case  # type: ignore[no-any-return]


@login_required
def access_log(request: HttpRequest, case_ref: str) -> HttpResponse:
    case = get_administered_case_or_404(request.user, case_ref)
    rows = AccessLog.objects.filter(case=case).select_related("actor").order_by("-at", "-pk")
    return render(request, "casework/access_log.html", {"case": case, "rows": rows[:ACCESS_LOG_ROWS]})


@login_required
def subject_access_request(request: HttpRequest, case_ref: str) -> HttpResponse:
    case = get_administered_case_or_404(request.user, case_ref)
    file_format = request.GET.get("format", "")
    if file_format not in {"json", "pdf"}:
        counts = [
            (section, subject_access.rows_about(case.person, model, path).count())
            for section, model, path in subject_access.sections()
        ]
        return render(request, "core/subject_access.html", {"case": case, "counts": counts})
    refused = log_or_refuse(request, case, SUBJECT_ACCESS_EXPORTED)
    if refused:
        return refused
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
