"""Looking up a grade's words, a section's grade or an agency's name in a template."""

from __future__ import annotations

from typing import Any

from django import template

from sendtrack.statutory.labels import agency_label

register = template.Library()


@register.filter
def get_grade(mapping: dict[str, Any], key: str) -> Any:
    value = mapping.get(key)
    return getattr(value, "grade", value)


@register.filter
def agency(code: str) -> str:
    """The agency's name in words: "social_care" reads "Social care"."""
    return agency_label(str(code))
