"""The person page's reads of one (already opened) case, as plain SQL written once here.

Building and compiling the same three ORM queries on every visit cost more CPU than the database
took to answer them. These statements are fixed text: only the case's id changes. Django's raw
queries still convert each column as the ORM would (dates, times, JSON). The case itself is
opened through `access.get_visible_case_or_404` before any of these runs; they read only its rows.

What the page prints is worked out here once per row (the event as a sentence, the milestone's
title with its organisation named), so the table can be written without the template engine
(`person_tables.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

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


def events(case_id: int) -> list[EventRow]:
    """The case's events in order, each marked when a later correction replaced it, and each
    correction with the title of the event it replaced."""
    rows = []
    for event in CaseEvent.objects.raw(EVENTS_SQL, [case_id]):
        organisation = event.organisation_name  # type: ignore[attr-defined]
        name = event.recorded_by_name or event.recorded_by_email  # type: ignore[attr-defined]
        rows.append(
            EventRow(
                id=event.pk,
                type=event.type,
                date=event.date,
                data=event.data,
                description=describe_event(event.type, event.data, organisation),
                recorded_at=event.recorded_at,
                recorded_by=name or "",
                reason=event.reason,
                supersedes_id=event.supersedes_id,
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
    for m in Milestone.objects.raw(MILESTONES_SQL, [case_id]):
        organisation = m.organisation_name or ""  # type: ignore[attr-defined]
        rows.append(
            MilestoneRow(
                rule=m.rule,
                start=m.start,
                due=m.due,
                completed=m.completed,
                status=m.status,
                status_label=labels.status_label(m.status),
                excepted=m.excepted,
                basis=m.basis,
                citation=m.citation,
                label=labels.milestone_label(m.rule, organisation),
                explanation_text=labels.name_setting(m.explanation, m.rule, organisation),
            )
        )
    return rows


def flags(case_id: int) -> list[FlagRow]:
    return [
        FlagRow(labels.flag_label(f.code), f.date, f.explanation)
        for f in IntegrityFlag.objects.raw(FLAGS_SQL, [case_id])
    ]
