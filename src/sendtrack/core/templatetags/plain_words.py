"""Template filters for writing in words: "an administrator", "education, health and social care".

The words themselves are in sendtrack.statutory.labels; these filters only let templates use them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from sendtrack.statutory import labels

register = template.Library()


@register.filter
def with_article(noun: object) -> str:
    """ "administrator" -> "an administrator"."""
    return labels.with_article(str(noun))


@register.filter
def lower_first(text: object) -> str:
    """Lower-case the first letter only, so "EHC" and "SEND" keep their capitals."""
    return labels.lower_first(str(text))


@register.filter
def in_words(items: Iterable[object] | None) -> str:
    """ "education, health and social care"."""
    return labels.join_words(str(item) for item in items or ())


def percent(value: float | None) -> str:
    """A chance or a share as a whole per cent ("46%"); empty when there is none."""
    if value is None:
        return ""
    return f"{round(float(value) * 100)}%"
