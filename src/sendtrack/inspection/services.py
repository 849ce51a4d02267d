"""Recording the call, the children named, and tasks done; each write with its audit row."""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from django.db import transaction

from sendtrack.accounts.models import LocalArea, User
from sendtrack.casework.access import log_cases_exported
from sendtrack.casework.models import Case
from sendtrack.core.audit import audit
from sendtrack.core.models import AuditVerb
from sendtrack.improvement.models import Inspection, InspectionFramework, VisitKind
from sendtrack.inspection.census import CensusExtractError, read_extract
from sendtrack.inspection.clock import CLOCK
from sendtrack.inspection.models import CensusFigures, Notification, TaskDone
from sendtrack.inspection.person_lists import PersonList
from sendtrack.interchange.import_report import ImportReport

UNKNOWN_TASK = "Choose a task from the list"
EXPORT_PURPOSE = "inspection information request"


@transaction.atomic(durable=True)
def record_notification(*, area: LocalArea, by: User | None, notified_on: dt.date) -> Notification:
    """An area SEND inspection (2023 framework) that starts on the day the inspectors call."""
    inspection = Inspection.objects.create(
        local_area=area,
        framework=InspectionFramework.AREA_SEND_2023,
        visit_kind=VisitKind.INSPECTION,
        started_on=notified_on,
    )
    notification = Notification.objects.create(inspection=inspection, notified_on=notified_on, recorded_by=by)
    audit(
        actor=by,
        verb=AuditVerb.INSPECTION_RECORDED,
        local_area=area,
        subject=inspection,
        detail={"framework": inspection.framework, "notified_on": notified_on},
    )
    return notification


@transaction.atomic(durable=True)
def record_children_named(*, notification: Notification, by: User, named_on: dt.date) -> Notification:
    notification.children_named_on = named_on
    notification.save(update_fields=["children_named_on"])
    audit(
        actor=by,
        verb=AuditVerb.CHILDREN_NAMED,
        local_area=notification.local_area,
        subject=notification,
        detail={"named_on": named_on},
    )
    return notification


@transaction.atomic(durable=True)
def mark_task_done(*, notification: Notification, by: User, task: str, done_on: dt.date) -> TaskDone:
    """Mark one task of the clock done on a day; marking it again moves the day."""
    if task not in {rule.key for rule in CLOCK}:
        raise ValueError(UNKNOWN_TASK)
    row, _ = TaskDone.objects.update_or_create(
        notification=notification, task=task, defaults={"done_on": done_on, "recorded_by": by}
    )
    audit(
        actor=by,
        verb=AuditVerb.INSPECTION_TASK_DONE,
        local_area=notification.local_area,
        subject=notification,
        detail={"task": task, "done_on": done_on},
    )
    return row


def import_census_extract(
    *, area: LocalArea, file: IO[bytes], filename: str, dry_run: bool = False, by: User | None = None
) -> ImportReport:
    """All rows of a school census or social care extract (CSV), or none.

    A row for a UPN and period already held replaces the one held, so importing twice changes nothing.
    """
    report = ImportReport(unit="rows", into=area.name, dry_run=dry_run)
    try:
        text = file.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        report.errors.append(f"{filename} is not a UTF-8 CSV file: save it as CSV UTF-8 and try again")
        return report
    try:
        rows = read_extract(text)
    except CensusExtractError as error:
        report.rows = max(text.count("\n") - 1, 0)
        report.errors.extend(str(problem) for problem in error.problems)
        return report
    report.rows = len(rows)
    if not dry_run:
        report.created, report.updated = _store_census_rows(area=area, by=by, rows=rows)
        report.written = True
    return report


@transaction.atomic(durable=True)
def _store_census_rows(*, area: LocalArea, by: User | None, rows: list[dict[str, Any]]) -> tuple[int, int]:
    keys = {(row["upn"], row["period_end"]) for row in rows}
    held = CensusFigures.objects.filter(local_area=area, upn__in={upn for upn, _ in keys})
    replaced = [r.pk for r in held if (r.upn, r.period_end) in keys]
    CensusFigures.objects.filter(pk__in=replaced).delete()
    CensusFigures.objects.bulk_create(
        [CensusFigures(local_area=area, **row) for row in rows], batch_size=2000
    )
    audit(
        actor=by,
        verb=AuditVerb.CENSUS_EXTRACT_IMPORTED,
        local_area=area,
        detail={"rows": len(rows), "replaced": len(replaced)},
    )
    return len(rows) - len(replaced), len(replaced)


def record_list_export(*, by: User, area: LocalArea, person_list: PersonList, path: str) -> int:
    """One access-log row per child in the list, with its purpose, before the file is handed over."""
    cases = Case.objects.filter(
        local_area=area, case_ref__in=[row.case_ref for row in person_list.rows]
    ).only("pk", "person_id")
    return log_cases_exported(by, cases, path=f"{EXPORT_PURPOSE}: {path}")
