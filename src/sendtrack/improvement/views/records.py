"""What the staff forms share: render a form page, answering 400 when it has errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.datastructures import MultiValueDict

from sendtrack.core.pages import render_form

FORM_TEMPLATE = "improvement/record.html"


def submitted(request: HttpRequest) -> QueryDict | None:
    """The posted fields, or None for a GET: an empty POST is still a submission, with errors."""
    return request.POST if request.method == "POST" else None


def uploaded(request: HttpRequest) -> MultiValueDict[str, Any] | None:
    return request.FILES if request.method == "POST" else None


def form_page(request: HttpRequest, *, form: Any, title: str, submit: str, **context: Any) -> HttpResponse:
    """One question-page of GOV.UK form: caption, heading, error summary, fields, button."""
    return render_form(
        request,
        context.pop("template", FORM_TEMPLATE),
        {"form": form, "title": title, "submit": submit, **context},
    )


def saved_or_asked_again(
    request: HttpRequest, *, form: Any, save: Callable[[dict[str, Any]], str], **page: Any
) -> HttpResponse:
    """A valid form is saved (`save` gives the message to show) and the readiness page follows;
    otherwise the form page is shown again with its errors (`page` as for `form_page`, with `plan`)."""
    if form.is_valid():
        messages.success(request, save(form.cleaned_data))
        return redirect("improvement:readiness", page["plan"].pk)
    return form_page(request, form=form, **page)


def stored_file(file: FieldFile) -> FileResponse:
    """An uploaded document, sent as a download to someone already allowed to see it."""
    if not file:
        raise Http404("No file was uploaded")
    try:
        handle = file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing") from error
    return FileResponse(handle, as_attachment=True, filename=PurePath(file.name or "").name)
