"""The person page's time limits and events tables written in Python rather than by the template engine.

As with the tracker's rows (`tracker_table.py`): every value is escaped as `{{ }}` escaped it and
the markup, whitespace included, is the template's (a test renders both and compares them).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from sendtrack.casework.person_reads import EventRow, MilestoneRow
from sendtrack.core.html_text import escaped as e
from sendtrack.core.templatetags.govuk_dates import govuk_date
from sendtrack.core.templatetags.plain_words import percent
from sendtrack.statutory import labels

STATUS_COLOURS = {"met": "green", "late": "orange", "overdue": "red", "pending": "blue"}
NO_MILESTONES = (
    '<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="4">No time limits yet.</td></tr>'
)


def _forecast(m: MilestoneRow) -> str:
    f = m.forecast
    if not f or f.chance_late is None:
        return ""
    expected = ""
    if f.expected:
        expected = (
            f"; expected by {e(govuk_date(f.expected))} (likely between {e(govuk_date(f.earliest))}"
            f" and {e(govuk_date(f.latest))})"
        )
    excepted = " An exception is recorded, so a late finish is not a breach." if f.excepted else ""
    return (
        '<p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" '
        f'id="forecast-{e(slugify(m.rule))}"><strong>{e(percent(f.chance_late))} chance of being late'
        f"</strong>{expected}. {e(f.reason)}.{excepted}</p>"
    )


def _milestone(m: MilestoneRow) -> str:
    hint = e(m.citation)
    if m.basis == "guidance":
        hint += " (guidance)"
    if m.excepted:
        hint += "; an exception applies"
    colour = STATUS_COLOURS.get(m.status, "grey")
    return (
        '\n    <tr class="govuk-table__row">\n'
        f'      <td class="govuk-table__cell"><strong>{e(m.label)}</strong><br>'
        f'<span class="govuk-body-s">{e(m.explanation_text)}</span><br>'
        f'<span class="govuk-body-s govuk-hint">{hint}</span></td>\n'
        f'      <td class="govuk-table__cell">{e(govuk_date(m.due))}</td>\n'
        f'      <td class="govuk-table__cell">{e(govuk_date(m.completed))}</td>\n'
        f'      <td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--{colour}">'
        f"{e(m.status_label)}</strong>{_forecast(m)}</td>\n"
        "    </tr>\n  "
    )


def milestones_html(milestones: Sequence[MilestoneRow]) -> SafeString:
    """The `<tr>`s of the time limits table, or its one row saying there are none yet."""
    if not milestones:
        return mark_safe(NO_MILESTONES)  # noqa: S308 - no value from the records
    return mark_safe("".join(_milestone(m) for m in milestones))  # noqa: S308 - escaped in _milestone


def _event(event: EventRow, may_change: bool) -> str:
    if event.date:
        when = e(govuk_date(event.date))
    else:
        when = f"{e(govuk_date(event.data.get('start', '')))} to {e(govuk_date(event.data.get('end', '')))}"
    what = e(event.description)
    if event.corrected:
        what = f'<s>{what}</s> <strong class="govuk-tag govuk-tag--grey">Corrected</strong>'
    what += "\n        "
    if event.supersedes_id:
        what += (
            '<br><span class="govuk-body-s">Correction of an earlier event '
            f"({e(labels.lower_first(event.supersedes_label))}): {e(event.reason)}</span>"
        )
    recorded = e(govuk_date(event.recorded_at))
    if event.recorded_by:
        recorded += f" by {e(event.recorded_by)}"
    action = ""
    if may_change:
        link = ""
        if not event.corrected and event.type != "removed":
            link = (
                f'<a class="govuk-link" href="{e(event.correct_url)}">Correct'
                '<span class="govuk-visually-hidden"> this event</span></a>'
            )
        action = f'<td class="govuk-table__cell">{link}</td>'
    return (
        '\n    <tr class="govuk-table__row">\n'
        f'      <td class="govuk-table__cell">{when}</td>\n'
        f'      <td class="govuk-table__cell">{what}</td>\n'
        f'      <td class="govuk-table__cell govuk-body-s">{recorded}</td>\n'
        f"      {action}\n"
        "    </tr>\n  "
    )


def events_html(events: Sequence[EventRow], may_change: bool) -> SafeString:
    """The `<tr>`s of the events table (with the correction links for staff who may change the case)."""
    return mark_safe("".join(_event(event, may_change) for event in events))  # noqa: S308 - escaped in _event


def links_html(links: Sequence[tuple[str, str]]) -> SafeString:
    """`<li>` links (address, label): the forms that record each kind of event."""
    return mark_safe(  # noqa: S308 - escaped here
        "".join(f'<li><a class="govuk-link" href="{e(url)}">{e(label)}</a></li>' for url, label in links)
    )
