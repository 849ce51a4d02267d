"""How the tracker shows a case: one row, shared by the page, its CSV and Excel exports and the API."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from sendtrack.casework.links import CaseLinks
from sendtrack.casework.models import Case
from sendtrack.casework.selectors import STAGE_LABELS
from sendtrack.casework.tracker_columns import added_cells, added_columns
from sendtrack.core.templatetags.govuk_dates import govuk_date
from sendtrack.statutory import labels

SOON_DAYS = 14
EXPORT_HEADERS = [
    "Case reference",
    "Name",
    "Date of birth",
    "Stage",
    "Request received",
    "Weeks elapsed",
    "Next due",
    "Next due for",
    "Days to breach",
    "Status",
    "Caseworker",
    "Setting",
    "Primary need",
]


def export_headers() -> list[str]:
    return [*EXPORT_HEADERS, *(column.header for column in added_columns())]


def tracker_row(case: Case, today: date, added: Sequence[str] = ()) -> dict[str, object]:
    """What the tracker shows for one case, worked out against today (`added`: its cells of the
    columns added from above casework, from `added_cells`)."""
    weeks = (today - case.request_received).days // 7 if case.request_received else None
    days = (case.next_due - today).days if case.next_due else None
    if days is None:
        status, colour = "No deadline", "grey"
    elif days < 0:
        status, colour = "Overdue", "red"
    elif days <= SOON_DAYS:
        status, colour = "Due soon", "yellow"
    else:
        status, colour = "On track", "green"
    risk_due: date | None = getattr(case, "risk_due", None)
    return {
        "case": case,
        "stage": STAGE_LABELS.get(case.stage, case.stage),
        "weeks_elapsed": weeks,
        "days_to_breach": days,
        "status": status,
        "colour": colour,
        "next_due_for": (
            labels.milestone_label(case.next_due_rule, getattr(case, "next_due_setting", None) or "")
            if case.next_due_rule
            else ""
        ),
        "risk": getattr(case, "risk", None),
        "risk_past": bool(risk_due and risk_due < today),
        "risk_reason": getattr(case, "risk_reason", None) or "",
        "added": list(added),
    }


def display_rows(cases: Iterable[Case], today: date) -> list[dict[str, object]]:
    """The tracker page's rows: `tracker_row` with the words and address each cell shows, worked out
    here once rather than looked up through the case in the template."""
    links = CaseLinks()
    cases = list(cases)
    cells = added_cells(cases)
    rows = []
    for case in cases:
        row = tracker_row(case, today, cells[case.pk])
        row.update(
            url=links.person(case.case_ref),
            name=str(case.person),
            case_ref=case.case_ref,
            next_due_text=govuk_date(case.next_due),
            weeks_text="" if row["weeks_elapsed"] is None else str(row["weeks_elapsed"]),
            days_text="" if row["days_to_breach"] is None else str(row["days_to_breach"]),
            caseworker=str(case.caseworker) if case.caseworker else "Unassigned",
        )
        rows.append(row)
    return rows


def export_rows(cases: list[Case], today: date) -> Iterator[list[object]]:
    cells = added_cells(cases)
    for case in cases:
        row = tracker_row(case, today, cells[case.pk])
        added = row["added"]
        assert isinstance(added, list)
        person = case.person
        yield [
            case.case_ref,
            str(person),
            person.date_of_birth,
            row["stage"],
            case.request_received,
            row["weeks_elapsed"],
            case.next_due,
            row["next_due_for"],
            row["days_to_breach"],
            row["status"],
            str(case.caseworker) if case.caseworker else "",
            person.setting.name if person.setting else "",
            person.get_primary_need_display() or "",
            *added,
        ]
