"""A child's documents on their record: the list, adding one, changing its details, downloading it.

Every page opens the case through the one door with its own purpose, so every look and every
download is in the access log; only the council's SEND team adds or changes documents.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.casework import access
from sendtrack.casework.access import Purpose, get_visible_case_or_404
from sendtrack.documents import selectors, services
from sendtrack.documents.downloads import download_document
from sendtrack.documents.forms import DocumentDetailsForm, UploadForm


@login_required
def document_list(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    case = get_visible_case_or_404(
        request.user, case_ref, purpose=Purpose.VIEWED_DOCUMENTS, path=request.path
    )
    return render(
        request,
        "documents/list.html",
        {
            "case": case,
            "documents": selectors.documents_for_case(case),
            "may_change": access.may_change_case(request.user, case),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    case = get_visible_case_or_404(
        request.user, case_ref, purpose=Purpose.OPENED_DOCUMENT_FORM, path=request.path
    )
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        case=case,
        max_bytes=settings.DOCUMENT_MAX_BYTES,
    )
    if posted and form.is_valid():
        try:
            document = services.upload_document(
                case=case,
                by=request.user,
                upload=form.cleaned_data["file"],
                details=form.details(),
                record_final_plan=form.cleaned_data["record_final_plan"],
                max_bytes=settings.DOCUMENT_MAX_BYTES,
            )
        except services.DocumentRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            done = "added" + (
                " and the final plan's issue recorded"
                if document.event_id and form.cleaned_data["record_final_plan"]
                else ""
            )
            messages.success(request, f"{document.title} {done}")
            return redirect("documents:list", case_ref=case.case_ref)
    return render(request, "documents/upload.html", {"case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def change(request: AuthenticatedHttpRequest, case_ref: str, document_id: int) -> HttpResponse:
    case = get_visible_case_or_404(
        request.user, case_ref, purpose=Purpose.OPENED_DOCUMENT_FORM, path=request.path
    )
    document = selectors.document_of_case(case, document_id)
    if document is None:
        raise Http404("No such document")
    initial = {
        "kind": document.kind,
        "agency": document.agency,
        "title": document.title,
        "date": document.date,
        "event": document.event_id,
        "shared_with_family": document.shared_with_family,
    }
    form = DocumentDetailsForm(request.POST if request.method == "POST" else None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_document(document=document, by=request.user, details=form.details())
        except services.DocumentRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(request, f"{document.title} changed")
            return redirect("documents:list", case_ref=case.case_ref)
    return render(request, "documents/change.html", {"case": case, "form": form, "document": document})


@login_required
def download(request: AuthenticatedHttpRequest, case_ref: str, document_id: int) -> FileResponse:
    return download_document(request, case_ref, document_id, purpose=Purpose.DOCUMENT_DOWNLOAD)
