"""The person page's reads of one (already opened) case, as plain SQL written once here.

Building and compiling the same three ORM queries on every visit cost more CPU than the database
took to answer them. These statements are fixed text: only the case's id changes, so they run
prepared on PostgreSQL (`accounts/prepared.py`), each column converted as the ORM would (dates,
times, JSON). The case itself is opened through `access.get_visible_case_or_404` before any of
these runs; they read only its rows.

What the page prints is worked out here once per row (the event as a sentence, the milestone's
title with its organisation named), so the table can be written without the template engine
(`person_tables.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sendtrack.accounts import prepared
from sendtrack.accounts.fixed_select import Converted
from sendtrack.casework.models import CaseEvent, IntegrityFlag, Milestone, describe_event
from sendtrack.statutory import labels

EVENTS_SQL = """
SELECT e.id, e.type, e.date, e.data, e.recorded_at, e.supersedes_id, e.reason,
       o.name AS organisation_name, u.full_name AS recorded_by_name, u.email AS recorded_by_email
FROM casework_caseevent e
LEFT JOIN accounts_organisation o ON o.id = e.organisation_id
LEFT JOIN accounts_user u ON u.id = e.recorded_by_id
WHERE e.case_id = %s
ORDER BY e.position, e.id
"""

MILESTONES_SQL = """
SELECT m.id, m.rule, m.start, m.due, m.completed, m.status, m.excepted, m.basis, m.citation,
       m.explanation, o.name AS organisation_name
FROM casework_milestone m
LEFT JOIN accounts_organisation o ON o.id = m.organisation_id
WHERE m.case_id = %s
ORDER BY m.position, m.id
"""

FLAGS_SQL = """
SELECT f.id, f.code, f.date, f.explanation
FROM casework_integrityflag f
WHERE f.case_id = %s
ORDER BY f.date, f.id
"""


@dataclass
class EventRow:
    id: int
    type: str
    date: date | None
    data: dict[str, Any]
    description: str
    recorded_at: datetime
    recorded_by: str  # the recorder as `{{ user }}` prints them; empty when nobody is recorded
    reason: str
    supersedes_id: int | None
    corrected: bool = False
    supersedes_label: str = ""
    correct_url: str = ""  # where the correction form posts, for staff who may change the case


@dataclass
class MilestoneRow:
    rule: str
    start: date
    due: date
    completed: date | None
    status: str
    status_label: str
    excepted: bool
    basis: str
    citation: str
    label: str
    explanation_text: str
    forecast: Any = field(default=None)


@dataclass
class FlagRow:
    label: str
    date: date
    explanation: str


EVENT_COLUMNS = Converted(
    None,
    None,
    CaseEvent._meta.get_field("date"),
    CaseEvent._meta.get_field("data"),
    CaseEvent._meta.get_field("recorded_at"),
    None,
    None,
    None,
    None,
    None,
)
MILESTONE_COLUMNS = Converted(
    None,
    None,
    Milestone._meta.get_field("start"),
    Milestone._meta.get_field("due"),
    Milestone._meta.get_field("completed"),
    None,
    Milestone._meta.get_field("excepted"),
    None,
    None,
    None,
    None,
)
FLAG_COLUMNS = Converted(None, None, IntegrityFlag._meta.get_field("date"), None)


def _read(sql: str, columns: Converted, case_id: int) -> list[list[Any]]:
    with prepared.cursor() as cursor:
        cursor.execute(sql, [case_id])
        return columns.rows(cursor.fetchall())


def events(case_id: int) -> list[EventRow]:
    """The case's events in order, each marked when a later correction replaced it, and each
    correction with the title of the event it replaced."""
    rows = []
    for pk, type_, date_, data, recorded_at, supersedes_id, reason, organisation, name, email in _read(
        EVENTS_SQL, EVENT_COLUMNS, case_id
    ):
        rows.append(
            EventRow(
                id=pk,
                type=type_,
                date=date_,
                data=data,
                description=describe_event(type_, data, organisation),
                recorded_at=recorded_at,
                recorded_by=name or email or "",
                reason=reason,
                supersedes_id=supersedes_id,
            )
        )
    by_id = {row.id: row for row in rows}
    for row in rows:
        if row.supersedes_id is None:
            continue
        replaced = by_id.get(row.supersedes_id)
        if replaced is not None:
            replaced.corrected = True
            row.supersedes_label = labels.event_label(replaced.type)
        else:  # a correction always replaces an event of its own case; read it if ever not
            other = CaseEvent.objects.filter(pk=row.supersedes_id).values_list("type", flat=True).first()
            row.supersedes_label = labels.event_label(other) if other is not None else ""
    return rows


def milestones(case_id: int) -> list[MilestoneRow]:
    rows = []
    for _, rule, start, due, completed, status, excepted, basis, citation, explanation, organisation in _read(
        MILESTONES_SQL, MILESTONE_COLUMNS, case_id
    ):
        organisation = organisation or ""
        rows.append(
            MilestoneRow(
                rule=rule,
                start=start,
                due=due,
                completed=completed,
                status=status,
                status_label=labels.status_label(status),
                excepted=excepted,
                basis=basis,
                citation=citation,
                label=labels.milestone_label(rule, organisation),
                explanation_text=labels.name_setting(explanation, rule, organisation),
            )
        )
    return rows


def flags(case_id: int) -> list[FlagRow]:
    return [
        FlagRow(labels.flag_label(code), date_, explanation)
        for _, code, date_, explanation in _read(FLAGS_SQL, FLAG_COLUMNS, case_id)
    ]
