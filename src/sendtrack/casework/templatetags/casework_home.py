"""The casework summary the home page shows the council's SEND staff."""

from __future__ import annotations

from django import template
from django.utils import timezone

from sendtrack.casework.selectors import home_summary

register = template.Library()


@register.inclusion_tag("casework/_home_summary.html", takes_context=True)
def casework_home_summary(context: template.Context) -> dict[str, object]:
    """Open requests and those past a time limit; nothing for anyone but the council's SEND staff."""
    return {"casework_summary": home_summary(context["request"].user, timezone.localdate())}
