"""Read-only renderings of a plan: its export in the canonical columns (docs/spec/improvement-plan.md §2)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from sendtrack.improvement import rules
from sendtrack.improvement.models import Action, ActionUpdate, ImprovementPlan
from sendtrack.interchange.plan_spreadsheets import HISTORY_SHEET_TITLE, PLAN_SHEET_TITLE
from sendtrack.interchange.spreadsheets import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Table,
    csv_text,
    xlsx_bytes,
)

HISTORY_COLUMNS = (
    "Ref",
    "Recorded at",
    "Recorded by",
    "Source",
    "Status before",
    "Status",
    "RAG before",
    "RAG",
    "Update",
    "Reason for RAG change",
    "Other changes",
)
FORMATS = ("xlsx", "csv")
CONTENT_TYPES = {"xlsx": XLSX_CONTENT_TYPE, "csv": CSV_CONTENT_TYPE}


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    content_type: str


def plan_columns(actions: list[Action]) -> list[str]:
    columns = list(rules.CANONICAL_COLUMNS.values())
    for action in actions:
        columns.extend(name for name in action.extra if name not in columns)
    return columns


def action_fields(action: Action) -> dict[str, object]:
    """An action's values under the contract's field names (docs/spec/improvement-plan.md §1)."""
    return {
        "ref": action.ref,
        "finding": action.finding.text if action.finding else "",
        "workstream": action.workstream.name if action.workstream else "",
        "action": action.description,
        "lead": action.lead,
        "organisation": action.organisation,
        "start_date": action.start_date,
        "due_date": action.due_date,
        "status": rules.STATUS_LABELS[action.status],
        "rag": action.rag,
        "update": action.latest_update,
        "measure": action.measure,
        "evidence": action.evidence,
    }


def action_row(action: Action, columns: list[str]) -> list[object]:
    """The action under the export's column names; other columns from the action's extras."""
    values = {rules.CANONICAL_COLUMNS[name]: value for name, value in action_fields(action).items()}
    return [values[name] if name in values else action.extra.get(name, "") for name in columns]


def history_rows(updates: Iterable[ActionUpdate]) -> list[list[object]]:
    return [
        [
            u.action.ref,
            timezone.localtime(u.recorded_at),
            str(u.recorded_by or ""),
            u.get_source_display(),
            rules.STATUS_LABELS.get(u.status_from, ""),
            rules.STATUS_LABELS[u.status],
            u.rag_from,
            u.rag,
            u.narrative,
            u.reason,
            json.dumps(u.changes) if u.changes else "",
        ]
        for u in updates
    ]


def export_plan(
    *, plan: ImprovementPlan, file_format: str, actions: Iterable[Action] | None = None
) -> ExportFile:
    """The plan (or some of its actions) as xlsx, with the progress history, or as CSV."""
    if file_format not in FORMATS:
        raise ValueError(f"Choose a format from {', '.join(FORMATS)}")
    chosen = list(actions if actions is not None else plan.actions.select_related("finding", "workstream"))
    columns = plan_columns(chosen)
    rows = [action_row(action, columns) for action in chosen]
    name = slugify(plan.name) or "plan"
    if file_format == "csv":
        return ExportFile(csv_text(columns, rows).encode("utf-8"), f"{name}.csv", CONTENT_TYPES["csv"])
    updates = (
        ActionUpdate.objects.filter(action__in=[a.pk for a in chosen])
        .select_related("action", "recorded_by")
        .order_by("action__position", "recorded_at", "pk")
    )
    content = xlsx_bytes(
        Table(PLAN_SHEET_TITLE, columns, rows),
        Table(HISTORY_SHEET_TITLE, HISTORY_COLUMNS, history_rows(updates)),
    )
    return ExportFile(content, f"{name}.xlsx", CONTENT_TYPES["xlsx"])
