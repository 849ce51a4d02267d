"""Recording the call, the children named, and tasks done; each write with its audit row."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from sendtrack.accounts.models import LocalArea, User
from sendtrack.casework.models import Case
from sendtrack.casework.services.access_log import log_export
from sendtrack.core.audit import audit
from sendtrack.core.models import AuditVerb
from sendtrack.improvement.models import Inspection, InspectionFramework, VisitKind
from sendtrack.inspection.census import read_extract
from sendtrack.inspection.clock import CLOCK
from sendtrack.inspection.models import CensusFigures, Notification, TaskDone
from sendtrack.inspection.person_lists import PersonList

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


@transaction.atomic(durable=True)
def import_census_extract(*, area: LocalArea, by: User | None, text: str) -> int:
    """All rows of a school census or social care extract, or none: raises `CensusExtractError`.

    A row for a UPN and period already held replaces the one held, so importing twice changes nothing.
    """
    rows = read_extract(text)
    keys = {(row["upn"], row["period_end"]) for row in rows}
    held = CensusFigures.objects.filter(local_area=area, upn__in={upn for upn, _ in keys})
    held.filter(pk__in=[r.pk for r in held if (r.upn, r.period_end) in keys]).delete()
    CensusFigures.objects.bulk_create(
        [CensusFigures(local_area=area, **row) for row in rows], batch_size=2000
    )
    audit(
        actor=by,
        verb=AuditVerb.CENSUS_EXTRACT_IMPORTED,
        local_area=area,
        detail={"rows": len(rows)},
    )
    return len(rows)


def record_list_export(*, by: User, area: LocalArea, person_list: PersonList, path: str) -> int:
    """One access-log row per child in the list, with its purpose, before the file is handed over."""
    cases = Case.objects.filter(
        local_area=area, case_ref__in=[row.case_ref for row in person_list.rows]
    ).only("pk", "person_id")
    return log_export(actor=by, cases=cases, path=f"{EXPORT_PURPOSE}: {path}")
