"""The tracker's table rows written in Python rather than by the template engine.

Fifty rows of eight or more cells cost the engine about a thousand node renders a page (each a
variable lookup, a localisation check and an escape), the largest part of the page's time after
the query. Every value is escaped here as `{{ }}` would escape it; the markup is the same as the
template's was.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from sendtrack.core.html_text import escaped
from sendtrack.core.templatetags.plain_words import percent

CELL = '<td class="govuk-table__cell">{}</td>'
NUMERIC_CELL = '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'


def _risk_cell(row: dict[str, Any]) -> str:
    if row["risk"] is None:
        return CELL.format('<span class="govuk-body-s">Not forecast</span>')
    chance = "Already late" if row["risk_past"] else escaped(percent(row["risk"]))
    reason = escaped(row["risk_reason"])
    return CELL.format(f'<strong>{chance}</strong><br><span class="govuk-body-s">{reason}</span>')


def _row(row: dict[str, Any], risk_limit: str) -> str:
    e = escaped
    due = e(row["next_due_text"])
    if row["next_due_for"]:
        due = f'{due}<br><span class="govuk-body-s">{e(row["next_due_for"])}</span>'
    person = (
        f'<a class="govuk-link" href="{e(row["url"])}">{e(row["name"])}</a>'
        f'<br><span class="govuk-body-s">{e(row["case_ref"])}</span>'
    )
    status = f'<strong class="govuk-tag govuk-tag--{e(row["colour"])}">{e(row["status"])}</strong>'
    cells = [
        CELL.format(person),
        CELL.format(e(row["stage"])),
        NUMERIC_CELL.format(e(row["weeks_text"])),
        CELL.format(due),
        NUMERIC_CELL.format(e(row["days_text"])),
        CELL.format(status),
        _risk_cell(row) if risk_limit else "",
        CELL.format(e(row["caseworker"])),
        "".join(CELL.format(e(cell)) for cell in row["added"]),
    ]
    return (
        '\n    <tr class="govuk-table__row">\n'
        + "".join(f"      {cell}\n" for cell in cells)
        + "    </tr>\n    "
    )


def rows_html(rows: Sequence[dict[str, Any]], risk_limit: str, columns: int) -> SafeString:
    """The `<tr>`s of the tracker's table body, or its one row saying nothing matches."""
    if not rows:
        return mark_safe(  # noqa: S308 - no value from the records
            '\n    <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="'
            f'{int(columns)}">No open requests match these filters.</td></tr>\n    '
        )
    return mark_safe("".join(_row(row, risk_limit) for row in rows))  # noqa: S308 - escaped in _row
