"""The header row every GOV.UK table on the site is written with."""

from __future__ import annotations

from django.template import Context, Template


def test_the_header_row_right_aligns_numeric_columns_and_escapes_words() -> None:
    html = Template('{% load govuk_tables %}{% table_head first "Row:numeric" "A & B" %}').render(
        Context({"first": "<Sheet>"})
    )
    assert html == (
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        '<th scope="col" class="govuk-table__header">&lt;Sheet&gt;</th>'
        '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Row</th>'
        '<th scope="col" class="govuk-table__header">A &amp; B</th>'
        "</tr></thead>"
    )
