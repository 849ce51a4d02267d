"""The rows of a GOV.UK table, written once.

`{% table_head "Ref" "Actions:numeric" %}` writes the header row; `{% table_row ref total|numeric %}`
writes a body row of plain values, each shown as `{{ value }}` would show it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

NUMERIC = ":numeric"
CELL = '<td class="govuk-table__cell{}">{}</td>'
ROW_HEADER = '<th scope="row" class="govuk-table__header">{}</th>'


@dataclass(frozen=True)
class Numeric:
    """A cell's value to be right-aligned, as numbers are."""

    value: object


@register.filter
def numeric(value: object) -> Numeric:
    return Numeric(value)


@register.simple_tag
def table_head(*columns: object) -> SafeString:
    """Each column's words as a header cell; a name ending ":numeric" is right-aligned for numbers."""
    cells = []
    for column in columns:
        text = str(column)
        numeric = text.endswith(NUMERIC)
        modifier = " govuk-table__header--numeric" if numeric else ""
        cells.append((modifier, text.removesuffix(NUMERIC)))
    header = format_html_join("", '<th scope="col" class="govuk-table__header{}">{}</th>', cells)
    row = format_html('<tr class="govuk-table__row">{}</tr>', header)
    return format_html('<thead class="govuk-table__head">{}</thead>', row)


@register.simple_tag(takes_context=True)
def table_row(context: Context, *values: object, header: bool = False) -> SafeString:
    """Each value as a cell; `header=True` makes the first the row's header, `|numeric` right-aligns one."""
    cells = []
    for position, value in enumerate(values):
        modifier = ""
        if isinstance(value, Numeric):
            value, modifier = value.value, " govuk-table__cell--numeric"
        shown = render_value_in_context(value, context)
        if header and position == 0:
            cells.append(format_html(ROW_HEADER, shown))
        else:
            cells.append(format_html(CELL, modifier, shown))
    return format_html('<tr class="govuk-table__row">{}</tr>', SafeString("".join(cells)))
