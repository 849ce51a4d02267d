"""What every page holding a form answers: the page, with 400 when the form came back with errors."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_form(request: HttpRequest, template: str, context: Mapping[str, Any], *forms: Any) -> HttpResponse:
    """Render `template`; the answer is 400 when any of `forms` (by default `context["form"]`) has errors."""
    checked = forms or (context["form"],)
    return render(request, template, context, status=400 if any(form.errors for form in checked) else 200)


@contextmanager
def refusal_shown_on(form: forms.Form, *refusals: type[Exception]) -> Iterator[None]:
    """Run the change a form asks for; if the service refuses it, the refusal is the form's error instead."""
    try:
        yield
    except refusals as refusal:
        form.add_error(None, str(refusal))
