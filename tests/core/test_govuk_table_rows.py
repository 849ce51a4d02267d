"""The header and body rows every GOV.UK table on the site is written with."""

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


def test_a_body_row_heads_with_its_first_value_right_aligns_numbers_and_escapes_like_a_variable() -> None:
    html = Template(
        "{% load govuk_tables %}{% table_row label count|numeric note header=True %}{% table_row note %}"
    ).render(Context({"label": "<Finding>", "count": 1234, "note": None}))
    assert html == (
        '<tr class="govuk-table__row">'
        '<th scope="row" class="govuk-table__header">&lt;Finding&gt;</th>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">1234</td>'
        '<td class="govuk-table__cell">None</td>'
        "</tr>"
        '<tr class="govuk-table__row"><td class="govuk-table__cell">None</td></tr>'
    )
