"""What every page holding a form answers: the page, with 400 when the form came back with errors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_form(request: HttpRequest, template: str, context: Mapping[str, Any], *forms: Any) -> HttpResponse:
    """Render `template`; the answer is 400 when any of `forms` (by default `context["form"]`) has errors."""
    checked = forms or (context["form"],)
    return render(request, template, context, status=400 if any(form.errors for form in checked) else 200)
