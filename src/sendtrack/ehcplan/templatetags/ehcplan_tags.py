"""Looking up a grade's words, or a section's grade, in a template."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_grade(mapping: dict[str, Any], key: str) -> Any:
    value = mapping.get(key)
    return getattr(value, "grade", value)
