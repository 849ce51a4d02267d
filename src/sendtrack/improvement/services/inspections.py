"""Recording inspections, their findings, revisit judgements and interventions, as staff enter them."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model

from sendtrack.accounts.models import LocalArea, User
from sendtrack.core.audit import audit_record, save_field_audited
from sendtrack.core.models import AuditVerb
from sendtrack.improvement.models import (
    Finding,
    ImprovementPlan,
    Inspection,
    Intervention,
    VisitKind,
)


class NotInThisLocalArea(ValueError):
    """A record was linked to another local area's record."""


def save_with_document(record: Model, field: str, upload: UploadedFile | None, name_if_none: str) -> None:
    """Save `record`, with `upload` (when there is one) stored in its file field `field`."""
    if upload is not None:
        getattr(record, field).save(upload.name or name_if_none, upload, save=False)
    record.save()


def _same_area(area_id: int, *records: Inspection | None) -> None:
    for record in records:
        if record is not None and record.local_area_id != area_id:
            raise NotInThisLocalArea(f"{record} belongs to another local area")


@transaction.atomic(durable=True)
def record_inspection(
    *,
    area: LocalArea,
    by: User,
    framework: str,
    started_on: dt.date,
    visit_kind: str = VisitKind.INSPECTION,
    revisit_of: Inspection | None = None,
    ended_on: dt.date | None = None,
    letter_published_on: dt.date | None = None,
    outcome: str = "",
    letter_file: UploadedFile | None = None,
    letter_url: str = "",
    next_visit_from: dt.date | None = None,
    next_visit_by: dt.date | None = None,
) -> Inspection:
    """An inspection, revisit or monitoring visit of a local area, with its letter if published."""
    _same_area(area.pk, revisit_of)
    inspection = Inspection(
        local_area=area,
        framework=framework,
        visit_kind=visit_kind,
        revisit_of=revisit_of,
        started_on=started_on,
        ended_on=ended_on,
        letter_published_on=letter_published_on,
        outcome=outcome.strip(),
        letter_url=letter_url,
        next_visit_from=next_visit_from,
        next_visit_by=next_visit_by,
    )
    save_with_document(inspection, "letter_file", letter_file, "letter")
    audit_record(
        by,
        AuditVerb.INSPECTION_RECORDED,
        inspection,
        "framework",
        "visit_kind",
        "started_on",
        letter=bool(letter_file or letter_url),
    )
    return inspection


@transaction.atomic(durable=True)
def link_plan_to_inspection(*, plan: ImprovementPlan, inspection: Inspection, by: User) -> ImprovementPlan:
    """Say which inspection a plan answers: its findings and dates then show on the readiness page."""
    _same_area(plan.local_area_id, inspection)
    return save_field_audited(plan, "inspection", inspection, by=by, verb=AuditVerb.PLAN_INSPECTION_LINKED)


@transaction.atomic(durable=True)
def record_finding(
    *, inspection: Inspection, by: User, kind: str, text: str, revisit_judgement: str = ""
) -> Finding:
    """One finding of an inspection's letter, placed after the area's other findings."""
    area_id = inspection.local_area_id
    finding = Finding.objects.create(
        local_area_id=area_id,
        inspection=inspection,
        kind=kind,
        text=text.strip(),
        revisit_judgement=revisit_judgement,
        position=Finding.objects.filter(local_area_id=area_id).count(),
    )
    audit_record(by, AuditVerb.FINDING_RECORDED, finding, "inspection", "kind", "revisit_judgement")
    return finding


@transaction.atomic(durable=True)
def record_revisit_judgement(*, finding: Finding, by: User, revisit_judgement: str) -> Finding:
    """What a revisit judged of the progress on one finding."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    return save_field_audited(
        finding, "revisit_judgement", revisit_judgement, by=by, verb=AuditVerb.REVISIT_JUDGEMENT_RECORDED
    )


@transaction.atomic(durable=True)
def record_intervention(
    *,
    area: LocalArea,
    by: User,
    kind: str,
    issued_on: dt.date,
    published_on: dt.date | None = None,
    minimum_months: int = 0,
    link: str = "",
) -> Intervention:
    """An improvement notice or direction: it can be lifted from its earliest end."""
    intervention = Intervention.objects.create(
        local_area=area,
        kind=kind,
        issued_on=issued_on,
        published_on=published_on,
        minimum_months=minimum_months,
        link=link,
    )
    audit_record(
        by,
        AuditVerb.INTERVENTION_RECORDED,
        intervention,
        "kind",
        "issued_on",
        "minimum_months",
        "earliest_end",
    )
    return intervention
