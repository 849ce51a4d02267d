"""The self-evaluation page, its Word file, and its frozen versions.

Area-wide figures only: whoever sees the area's KPIs reads it (`area_access.reporting_areas`); the
area's SEND managers and administrators, who change its improvement plans, write and freeze it
(`area_access.plan_managing_areas`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sendtrack.accounts import access as area_access
from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.models import LocalArea
from sendtrack.inspection import self_evaluation_services as services
from sendtrack.inspection.models import SelfEvaluationVersion
from sendtrack.inspection.self_evaluation import KINDS
from sendtrack.inspection.self_evaluation_figures import assemble
from sendtrack.inspection.self_evaluation_word import write_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _area(request: AuthenticatedHttpRequest, area_code: str) -> tuple[LocalArea, bool]:
    area = next((a for a in area_access.reporting_areas(request.user) if a.code == area_code), None)
    if area is None:
        raise Http404("No such local area")
    return area, any(a.pk == area.pk for a in area_access.plan_managing_areas(request.user))


@login_required
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    areas = area_access.reporting_areas(request.user)
    if not areas:
        raise Http404("No local area")
    return redirect("inspection:self-evaluation", areas[0].code)


def _page(
    request: AuthenticatedHttpRequest,
    area: LocalArea,
    *,
    may_write: bool,
    errors: dict[str, list[str]] | None = None,
    drafts: dict[str, str] | None = None,
) -> HttpResponse:
    content = assemble(area)
    for section in content["sections"]:
        section["errors"] = (errors or {}).get(section["key"], [])
        section["draft"] = (drafts or {}).get(section["key"], section["text"])
    return render(
        request,
        "inspection/self_evaluation.html",
        {
            "area": area,
            "content": content,
            "may_write": may_write,
            "versions": SelfEvaluationVersion.objects.filter(local_area=area).select_related("frozen_by"),
            "kinds": KINDS,
            "error_list": [(key, e) for key, found in (errors or {}).items() for e in found],
        },
        status=400 if errors else 200,
    )


@login_required
def self_evaluation(request: AuthenticatedHttpRequest, area_code: str) -> HttpResponse:
    area, may_write = _area(request, area_code)
    return _page(request, area, may_write=may_write)


@login_required
@require_POST
def save_statement(request: AuthenticatedHttpRequest, area_code: str, key: str) -> HttpResponse:
    area, may_write = _area(request, area_code)
    if not may_write:
        raise PermissionDenied
    text = request.POST.get("text", "")
    try:
        services.save_statement(area=area, area_key=key, text=text, by=request.user)
    except services.StatementRefused as refused:
        return _page(request, area, may_write=True, errors={key: refused.problems}, drafts={key: text})
    messages.success(request, "The statement is saved")
    return redirect(f"{request.path.rsplit('/statement/', 1)[0]}/#{key}")


@login_required
@require_POST
def freeze(request: AuthenticatedHttpRequest, area_code: str) -> HttpResponse:
    area, may_write = _area(request, area_code)
    if not may_write:
        raise PermissionDenied
    version = services.freeze(area=area, by=request.user)
    messages.success(
        request,
        f"The self-evaluation is frozen as the version of {version.frozen_on.day} {version.frozen_on:%B %Y}",
    )
    return redirect("inspection:self-evaluation-version", area.code, version.pk)


@login_required
def version(request: AuthenticatedHttpRequest, area_code: str, pk: int) -> HttpResponse:
    area, _ = _area(request, area_code)
    found = get_object_or_404(SelfEvaluationVersion, local_area=area, pk=pk)
    return render(request, "inspection/self_evaluation_version.html", {"area": area, "version": found})


@login_required
def word(request: AuthenticatedHttpRequest, area_code: str, pk: int | None = None) -> HttpResponse:
    area, _ = _area(request, area_code)
    if pk is None:
        content, frozen_on, name = assemble(area), None, f"self-evaluation-{area.code}-draft.docx"
    else:
        found = get_object_or_404(SelfEvaluationVersion, local_area=area, pk=pk)
        content, frozen_on = found.content, found.frozen_on
        name = f"self-evaluation-{area.code}-{found.frozen_on.isoformat()}.docx"
    response = HttpResponse(write_docx(content, frozen_on=frozen_on), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
