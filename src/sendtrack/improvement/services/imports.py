"""Importing an improvement plan from its spreadsheet (docs/spec/improvement-plan.md §1), all or nothing.

Two ways in, one path through:

- `import_plan_file(area=..., plan_name=..., file=..., filename=...)` for an uploaded or named file;
- `import_plan_rows(area=..., plan_name=..., rows=[{"Ref": "1.1", "Action": "...", ...}, ...])` for
  rows already in memory (the demo generator uses this): each dict maps a column name, spelled as
  any accepted synonym, to a cell value (a date, or text in any accepted date form).

Both return an `ImportReport`. With `dry_run=True`, or when any row has an error, nothing is
written. A re-import updates actions by ref, records each change as an `ActionUpdate`, and
changes nothing when the file is unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import BinaryIO

from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import LocalArea, User
from sendtrack.core.audit import audit
from sendtrack.core.models import AuditVerb
from sendtrack.improvement import rules
from sendtrack.improvement.models import (
    Action,
    Finding,
    FindingKind,
    ImprovementPlan,
    PlanKind,
    Status,
    UpdateSource,
    Workstream,
)
from sendtrack.interchange.import_report import ImportReport
from sendtrack.interchange.plan_spreadsheets import Sheet, SheetRow, UnreadableSpreadsheet, read_plan_sheet

MISSING_COLUMN = "There is no {field} column: add a column named {names}"
MISSING_VALUE = "Enter the {field}: it is required on every row"
DUPLICATE_REF = "The reference {value} is used again: it was first used on row {first_row}"
UNKNOWN_STATUS = "Unknown status: use one of {words}"
UNKNOWN_RAG = "Unknown RAG rating: use red, amber, green or blue"
IMPORT_REASON = "Changed by spreadsheet import"
AUDITED_COUNTS = ("rows", "created", "updated", "unchanged", "not_in_file")

# Which kind of finding a column name implies; other finding columns use the plan's kind.
FINDING_KIND_BY_COLUMN = {
    rules.normalise_column("Area of weakness"): FindingKind.SIGNIFICANT_WEAKNESS,
    rules.normalise_column("Area for priority action"): FindingKind.PRIORITY_ACTION,
    rules.normalise_column("Area for improvement"): FindingKind.IMPROVEMENT,
}
FINDING_KIND_BY_PLAN: dict[str, str] = {
    PlanKind.WRITTEN_STATEMENT_OF_ACTION: FindingKind.SIGNIFICANT_WEAKNESS,
    PlanKind.PRIORITY_ACTION_PLAN: FindingKind.PRIORITY_ACTION,
}
# Action fields that the spreadsheet sets (besides ref, finding and workstream).
PLAIN_FIELDS = {
    "action": "description",
    "lead": "lead",
    "organisation": "organisation",
    "start_date": "start_date",
    "due_date": "due_date",
    "update": "latest_update",
    "measure": "measure",
    "evidence": "evidence",
}


@dataclass(frozen=True)
class ImportProblem:
    sheet: str
    row: int
    column: str
    value: str
    why: str

    def __str__(self) -> str:
        return f"{self.sheet}, row {self.row}, column {self.column}, value {self.value!r}: {self.why}"


@dataclass
class ParsedRow:
    number: int
    ref: str
    values: dict[str, object]
    finding_kind: str
    extra: dict[str, object]


def import_plan_file(
    *,
    area: LocalArea,
    plan_name: str,
    file: BinaryIO,
    filename: str,
    by: User | None = None,
    dry_run: bool = False,
    plan_kind: str = PlanKind.IMPROVEMENT_PLAN,
) -> ImportReport:
    try:
        sheet = read_plan_sheet(file, filename)
    except UnreadableSpreadsheet as error:
        report = ImportReport(unit="actions", into=plan_name, dry_run=dry_run)
        report.errors.append(ImportProblem(filename, 0, "", "", str(error)))
        return report
    return import_plan_sheet(
        area=area, plan_name=plan_name, sheet=sheet, by=by, dry_run=dry_run, plan_kind=plan_kind
    )


def import_plan_rows(
    *,
    area: LocalArea,
    plan_name: str,
    rows: Iterable[Mapping[str, object]],
    by: User | None = None,
    dry_run: bool = False,
    sheet_name: str = "Plan",
    plan_kind: str = PlanKind.IMPROVEMENT_PLAN,
    at: dt.datetime | None = None,
) -> ImportReport:
    """Import from rows in memory; `at` dates the progress history (default now)."""
    rows = list(rows)
    headers: list[str] = []
    for row in rows:
        headers.extend(name for name in row if name not in headers)
    sheet = Sheet(
        name=sheet_name,
        headers=headers,
        rows=[SheetRow(number=i, values=[row.get(h) for h in headers]) for i, row in enumerate(rows, 2)],
    )
    return import_plan_sheet(
        area=area, plan_name=plan_name, sheet=sheet, by=by, dry_run=dry_run, plan_kind=plan_kind, at=at
    )


def import_plan_sheet(
    *,
    area: LocalArea,
    plan_name: str,
    sheet: Sheet,
    by: User | None = None,
    dry_run: bool = False,
    plan_kind: str = PlanKind.IMPROVEMENT_PLAN,
    at: dt.datetime | None = None,
) -> ImportReport:
    report = ImportReport(unit="actions", into=plan_name, dry_run=dry_run)
    existing_plan = ImprovementPlan.objects.filter(local_area=area, name=plan_name).first()
    kind = existing_plan.kind if existing_plan else plan_kind
    parsed = parse_sheet(
        sheet, report, default_finding_kind=FINDING_KIND_BY_PLAN.get(kind, FindingKind.IMPROVEMENT)
    )
    report.rows = len(parsed)
    if report.errors:
        return report
    try:
        with transaction.atomic():
            plan = _apply(
                area=area, plan_name=plan_name, plan_kind=kind, rows=parsed, by=by, report=report, at=at
            )
            if dry_run:
                raise _DryRunRollback
            if existing_plan is None or report.created or report.updated:
                audit(
                    actor=by,
                    verb=AuditVerb.PLAN_IMPORTED,
                    local_area=area,
                    subject=plan,
                    detail={"sheet": sheet.name, **{name: getattr(report, name) for name in AUDITED_COUNTS}},
                )
    except _DryRunRollback:
        return report
    report.written = True
    return report


class _DryRunRollback(Exception):
    """Raised inside the transaction so that a dry run computes its counts and then writes nothing."""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value).strip()


def _column_label(sheet: Sheet, index: int) -> str:
    return f"{sheet.column_letter(index)} ({sheet.headers[index]})"


def parse_sheet(sheet: Sheet, report: ImportReport, *, default_finding_kind: str) -> list[ParsedRow]:
    """Every row read into fields, with every error and warning added to the report."""
    columns: dict[str, int] = {}
    extras: dict[int, str] = {}
    for index, header in enumerate(sheet.headers):
        name = rules.field_for_column(header)
        if name is not None and name not in columns:
            columns[name] = index
        elif header:
            extras[index] = header
    for name in rules.REQUIRED_FIELDS:
        if name not in columns:
            names = " or ".join(f'"{n}"' for n in rules.COLUMN_SYNONYMS[name])
            report.errors.append(
                ImportProblem(sheet.name, 1, "", "", MISSING_COLUMN.format(field=name, names=names))
            )
    if report.errors:
        return []
    finding_kind = default_finding_kind
    if "finding" in columns:
        finding_kind = FINDING_KIND_BY_COLUMN.get(
            rules.normalise_column(sheet.headers[columns["finding"]]), default_finding_kind
        )
    first_row_of_ref: dict[str, int] = {}
    parsed = []
    for row in sheet.rows:
        problems_before = len(report.errors)
        values: dict[str, object] = {}

        def problem(name: str, raw: object, why: str, *, warning: bool = False, row: SheetRow = row) -> None:
            target = report.warnings if warning else report.errors
            target.append(
                ImportProblem(sheet.name, row.number, _column_label(sheet, columns[name]), _text(raw), why)
            )

        for name, index in columns.items():
            raw = row.values[index]
            if name in rules.DATE_FIELDS:
                try:
                    parsed_date = rules.parse_date(raw)
                except rules.UnreadableDate as error:
                    problem(name, raw, str(error))
                    continue
                if parsed_date.warning:
                    problem(name, raw, parsed_date.warning, warning=True)
                values[name] = parsed_date.value
            elif name == "status":
                status = rules.status_from_word(raw)
                if status is None:
                    words = ", ".join(word for words in rules.STATUS_WORDS.values() for word in words)
                    problem(name, raw, UNKNOWN_STATUS.format(words=words))
                values[name] = status or Status.NOT_STARTED
            elif name == "rag":
                rag = rules.rag_from_word(raw)
                if rag is None:
                    problem(name, raw, UNKNOWN_RAG)
                values[name] = rag or ""
            else:
                values[name] = _text(raw)
        for name in rules.REQUIRED_FIELDS:
            if not values.get(name):
                problem(name, row.values[columns[name]], MISSING_VALUE.format(field=name))
        ref = str(values.get("ref", ""))
        if ref and ref in first_row_of_ref:
            problem("ref", ref, DUPLICATE_REF.format(value=ref, first_row=first_row_of_ref[ref]))
        elif ref:
            first_row_of_ref[ref] = row.number
        if len(report.errors) == problems_before:
            extra: dict[str, object] = {header: _text(row.values[index]) for index, header in extras.items()}
            parsed.append(ParsedRow(row.number, ref, values, finding_kind, extra))
    return parsed


def _apply(
    *,
    area: LocalArea,
    plan_name: str,
    plan_kind: str,
    rows: list[ParsedRow],
    by: User | None,
    report: ImportReport,
    at: dt.datetime | None = None,
) -> ImprovementPlan:
    from sendtrack.improvement.services.action_updates import apply_action_changes

    plan, _ = ImprovementPlan.objects.get_or_create(
        local_area=area, name=plan_name, defaults={"kind": plan_kind}
    )
    workstreams = {w.name: w for w in plan.workstreams.all()}
    findings = {f.text: f for f in Finding.objects.filter(local_area=area)}
    actions = {a.ref: a for a in plan.actions.all()}
    now = at or timezone.now()
    for position, row in enumerate(rows):
        workstream = _workstream(plan, workstreams, str(row.values.get("workstream", "")))
        finding = _finding(area, plan, findings, str(row.values.get("finding", "")), row.finding_kind)
        wanted: dict[str, object] = {
            model_field: row.values[name] for name, model_field in PLAIN_FIELDS.items() if name in row.values
        }
        wanted.update(
            {"finding": finding, "workstream": workstream, "extra": row.extra, "position": position}
        )
        status = str(row.values.get("status") or Status.NOT_STARTED)
        rag = str(row.values.get("rag", ""))
        action = actions.get(row.ref)
        created = action is None
        if action is None:
            action = Action(plan=plan, ref=row.ref, status=status, rag=rag, **wanted)
            action.save()
        changed = apply_action_changes(
            action=action,
            by=by,
            at=now,
            source=UpdateSource.IMPORT,
            created=created,
            status=status,
            rag=rag,
            narrative=str(wanted.get("latest_update", action.latest_update)),
            reason=IMPORT_REASON,
            fields={} if created else wanted,
        )
        if created:
            report.created += 1
        elif changed:
            report.updated += 1
        else:
            report.unchanged += 1
    report.not_in_file = len(set(actions) - {row.ref for row in rows})
    return plan


def _workstream(plan: ImprovementPlan, known: dict[str, Workstream], name: str) -> Workstream | None:
    if not name:
        return None
    if name not in known:
        known[name] = Workstream.objects.create(plan=plan, name=name, position=len(known))
    return known[name]


def _finding(
    area: LocalArea, plan: ImprovementPlan, known: dict[str, Finding], text: str, kind: str
) -> Finding | None:
    if not text:
        return None
    if text not in known:
        known[text] = Finding.objects.create(
            local_area=area, inspection=plan.inspection, kind=kind, text=text, position=len(known)
        )
    return known[text]
