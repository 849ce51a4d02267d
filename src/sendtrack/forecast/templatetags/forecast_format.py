from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """A chance or a share as a whole per cent ("46%"); empty when there is none."""
    if value is None:
        return ""
    return f"{round(float(value) * 100)}%"
