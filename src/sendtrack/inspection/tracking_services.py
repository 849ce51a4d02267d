"""Tracking and case sampling: the leads, the children, the family's consent, and each pack made or
handed out; each write with its audit row. Callers check who may do what (`tracking_selectors`)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import User
from sendtrack.casework import access
from sendtrack.casework.models import Case
from sendtrack.core.audit import audit, audited
from sendtrack.core.models import AuditVerb
from sendtrack.inspection.models import THEMES, Consent, InspectionLead, Notification, Sample, TrackedChild
from sendtrack.inspection.sampling import Draw, draw
from sendtrack.inspection.tracking_selectors import candidates, quotas, themed_cases

NOT_COUNCIL_STAFF = "Only the council's caseworkers and SEND managers in this area can be inspection leads"
NO_SUCH_CASE = "There is no case {ref} in {area}: check the case reference"
ALREADY_IN = "Case {ref} is already in this sample"
THEMED_SAMPLE_SIZE = 6


class TrackingRefused(ValueError):
    """A request the page answers with a message beside the field."""


def _audit(by: User, verb: AuditVerb, subject: Notification | TrackedChild, **detail: Any) -> None:
    """The audit row of a tracking change, in the local area of the inspection it belongs to."""
    notification = subject.notification if isinstance(subject, TrackedChild) else subject
    audit(actor=by, verb=verb, local_area=notification.local_area, subject=subject, detail=detail)


@transaction.atomic(durable=True)
@audited(AuditVerb.INSPECTION_LEADS_CHANGED)
def name_lead(*, notification: Notification, user: User, by: User) -> InspectionLead:
    if not access.may_be_inspection_lead(user, notification.inspection.local_area_id):
        raise TrackingRefused(NOT_COUNCIL_STAFF)
    lead, created = InspectionLead.objects.get_or_create(
        notification=notification, user=user, defaults={"named_by": by}
    )
    if created:
        _audit(by, AuditVerb.INSPECTION_LEADS_CHANGED, notification, named={"before": None, "after": user.pk})
    return lead


@transaction.atomic(durable=True)
@audited(AuditVerb.INSPECTION_LEADS_CHANGED)
def remove_lead(*, notification: Notification, user_id: int, by: User) -> None:
    removed, _ = InspectionLead.objects.filter(notification=notification, user_id=user_id).delete()
    if removed:
        _audit(by, AuditVerb.INSPECTION_LEADS_CHANGED, notification, named={"before": user_id, "after": None})


def _add(notification: Notification, case: Case, sample: str, by: User, reason: str = "") -> TrackedChild:
    tracked, created = TrackedChild.objects.get_or_create(
        notification=notification, case=case, sample=sample, defaults={"added_by": by, "reason": reason}
    )
    if created:
        _audit(
            by,
            AuditVerb.TRACKED_CHILD_ADDED,
            tracked,
            case=case.case_ref,
            sample={"before": None, "after": sample},
            reason=reason,
        )
    return tracked


@transaction.atomic(durable=True)
@audited(AuditVerb.TRACKED_CHILD_ADDED)
def add_named_child(*, notification: Notification, case_ref: str, by: User) -> TrackedChild:
    """A child the inspectors named; the first one named also records the day (the clock's anchor)."""
    area = notification.inspection.local_area
    case = Case.objects.filter(local_area=area, case_ref=case_ref.strip()).first()
    if case is None:
        raise TrackingRefused(NO_SUCH_CASE.format(ref=case_ref.strip(), area=area.name))
    if TrackedChild.objects.filter(notification=notification, case=case, sample=Sample.NAMED).exists():
        raise TrackingRefused(ALREADY_IN.format(ref=case.case_ref))
    if notification.children_named_on is None:
        notification.children_named_on = timezone.localdate()
        notification.save(update_fields=["children_named_on"])
        _audit(by, AuditVerb.CHILDREN_NAMED, notification, named_on=notification.children_named_on)
    return _add(notification, case, Sample.NAMED, by)


@transaction.atomic(durable=True)
@audited(AuditVerb.TRACKED_CHILD_ADDED)
def draw_rehearsal(*, notification: Notification, by: User, seed: int | None = None) -> Draw:
    """Six children at random from List 1 and List 2 with the quotas, as a rehearsal of tracking."""
    result = draw(candidates(notification), quotas=quotas(), seed=seed)
    cases = {
        c.case_ref: c
        for c in Case.objects.filter(
            local_area_id=notification.inspection.local_area_id,
            case_ref__in=[c.case_ref for c in result.chosen],
        )
    }
    for chosen in result.chosen:
        facts = [
            f"need {chosen.need or 'not recorded'}",
            f"age {chosen.age if chosen.age is not None else 'not recorded'}",
        ]
        if chosen.alternative_provision:
            facts.append("alternative provision")
        if chosen.sen_support:
            facts.append("SEN support")
        _add(notification, cases[chosen.case_ref], Sample.REHEARSAL, by, reason=", ".join(facts))
    return result


@transaction.atomic(durable=True)
@audited(AuditVerb.TRACKED_CHILD_ADDED)
def draw_themed(
    *,
    notification: Notification,
    theme: str,
    by: User,
    size: int = THEMED_SAMPLE_SIZE,
    seed: int | None = None,
) -> tuple[list[TrackedChild], int]:
    """Up to `size` children at random from those the theme's filter finds; and how many it found."""
    if theme not in THEMES:
        raise TrackingRefused("Choose a theme from the list")
    found = list(themed_cases(notification, theme).order_by("case_ref"))
    chosen = random.Random(seed).sample(found, min(size, len(found)))
    label = Sample(theme).label
    return [
        _add(notification, case, theme, by, reason=f"{label}: 1 of {len(found)}") for case in chosen
    ], len(found)


@transaction.atomic(durable=True)
@audited(AuditVerb.TRACKING_CONSENT_RECORDED)
def record_consent(*, tracked: TrackedChild, consent: str, on: dt.date, by: User) -> TrackedChild:
    if consent not in Consent.values:
        raise TrackingRefused("Choose whether the family gave consent")
    before = tracked.consent
    tracked.consent, tracked.consent_on = consent, on
    tracked.save(update_fields=["consent", "consent_on"])
    _audit(
        by, AuditVerb.TRACKING_CONSENT_RECORDED, tracked, consent={"before": before, "after": consent}, on=on
    )
    return tracked


@transaction.atomic(durable=True)
@audited(AuditVerb.TRACKING_PACK_MADE)
def record_pack_made(
    *, tracked: TrackedChild, by: User, pdf_name: str, zip_name: str, seconds: float
) -> TrackedChild:
    before = tracked.pack_made_at
    tracked.pack_pdf, tracked.pack_zip = pdf_name, zip_name
    tracked.pack_made_at, tracked.pack_made_by, tracked.pack_seconds = timezone.now(), by, seconds
    tracked.save(update_fields=["pack_pdf", "pack_zip", "pack_made_at", "pack_made_by", "pack_seconds"])
    _audit(
        by,
        AuditVerb.TRACKING_PACK_MADE,
        tracked,
        case=tracked.case.case_ref,
        made_at={"before": before, "after": tracked.pack_made_at},
    )
    return tracked


@transaction.atomic(durable=True)
@audited(AuditVerb.TRACKING_PACK_DOWNLOADED)
def record_pack_downloaded(*, tracked: TrackedChild, by: User, file_format: str) -> None:
    _audit(by, AuditVerb.TRACKING_PACK_DOWNLOADED, tracked, case=tracked.case.case_ref, format=file_format)
