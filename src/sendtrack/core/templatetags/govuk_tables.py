"""The header row of a GOV.UK table, written once: `{% table_head "Ref" "Actions:numeric" %}`."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

NUMERIC = ":numeric"


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
