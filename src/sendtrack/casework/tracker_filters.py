"""The tracker's filter form, rendered once for each state it can be in and then reused.

Its five fields through `includes/field.html` (about 70 options) were the largest part of the
tracker's template time. What the form prints depends only on its fields' choices, values and
errors and on whether the risk sort is offered, so those are the key: a caseworker's new name, a
new setting or a new filter gives a new key, never a stale form. Each process keeps the latest
few hundred (a few kilobytes each).
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from sendtrack.casework.forms import TrackerFilterForm

KEPT = 256
_rendered: OrderedDict[tuple, str] = OrderedDict()
_lock = Lock()


def _state(form: TrackerFilterForm, risk_limit: str) -> tuple:
    fields = []
    for bound in form:
        choices = getattr(bound.field, "choices", ())
        fields.append(
            (
                bound.name,
                str(bound.label),
                tuple((str(value), str(label)) for value, label in choices),
                str(bound.value()),
                tuple(str(error) for error in bound.errors),
            )
        )
    return (risk_limit, tuple(fields))


def filters_html(form: TrackerFilterForm, risk_limit: str) -> SafeString:
    key = _state(form, risk_limit)
    with _lock:
        html = _rendered.get(key)
        if html is not None:
            _rendered.move_to_end(key)
    if html is None:
        html = render_to_string("casework/_tracker_filters.html", {"form": form, "risk_limit": risk_limit})
        with _lock:
            _rendered[key] = html
            if len(_rendered) > KEPT:
                _rendered.popitem(last=False)
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, which escaped it
