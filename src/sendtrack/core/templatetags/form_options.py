"""A select's `<option>`s written in Python: a filter form's lists of caseworkers and settings run to
hundreds of options, and the template engine's cost for each (a loop, a comparison, two escapes)
made them most of the tracker page's rendering time."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def select_options(field: BoundField) -> SafeString:
    """The field's choices as `<option>`s, the one whose value is the field's value selected."""
    current = f"{field.value()}"
    choices: list[tuple[Any, Any]] = list(getattr(field.field, "choices", ()))
    return mark_safe(  # noqa: S308 - every value and label is escaped here
        "".join(
            f'<option value="{conditional_escape(value)}"'
            f"{' selected' if current == f'{value}' else ''}>{conditional_escape(label)}</option>"
            for value, label in choices
        )
    )
