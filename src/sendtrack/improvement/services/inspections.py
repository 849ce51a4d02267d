"""Recording inspections, their findings, revisit judgements and interventions, as staff enter them."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from sendtrack.accounts.models import LocalArea, User
from sendtrack.core.audit import audit
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
    if letter_file is not None:
        inspection.letter_file.save(letter_file.name or "letter", letter_file, save=False)
    inspection.save()
    audit(
        actor=by,
        verb=AuditVerb.INSPECTION_RECORDED,
        subject=inspection,
        detail={
            "framework": framework,
            "visit_kind": visit_kind,
            "started_on": started_on,
            "letter": bool(letter_file or letter_url),
        },
    )
    return inspection


@transaction.atomic(durable=True)
def link_plan_to_inspection(*, plan: ImprovementPlan, inspection: Inspection, by: User) -> ImprovementPlan:
    """Say which inspection a plan answers: its findings and dates then show on the readiness page."""
    _same_area(plan.local_area_id, inspection)
    previous = plan.inspection_id
    plan.inspection = inspection
    plan.save(update_fields=["inspection"])
    audit(
        actor=by,
        verb=AuditVerb.PLAN_INSPECTION_LINKED,
        subject=plan,
        detail={"from": previous, "to": inspection.pk},
    )
    return plan


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
    audit(
        actor=by,
        verb=AuditVerb.FINDING_RECORDED,
        subject=finding,
        detail={"inspection": inspection.pk, "kind": kind, "revisit_judgement": revisit_judgement},
    )
    return finding


@transaction.atomic(durable=True)
def record_revisit_judgement(*, finding: Finding, by: User, revisit_judgement: str) -> Finding:
    """What a revisit judged of the progress on one finding."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    previous = finding.revisit_judgement
    finding.revisit_judgement = revisit_judgement
    finding.save(update_fields=["revisit_judgement"])
    audit(
        actor=by,
        verb=AuditVerb.REVISIT_JUDGEMENT_RECORDED,
        subject=finding,
        detail={"from": previous, "to": revisit_judgement},
    )
    return finding


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
    audit(
        actor=by,
        verb=AuditVerb.INTERVENTION_RECORDED,
        subject=intervention,
        detail={
            "kind": kind,
            "issued_on": issued_on,
            "minimum_months": minimum_months,
            "earliest_end": intervention.earliest_end,
        },
    )
    return intervention
