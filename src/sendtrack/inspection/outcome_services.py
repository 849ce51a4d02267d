"""After the letter: the outcome, the report's areas, the visits implied, and the plan they start."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from sendtrack.accounts.models import User
from sendtrack.core.audit import audit
from sendtrack.core.models import AuditVerb
from sendtrack.improvement.models import Finding, FindingKind, ImprovementPlan, PlanKind, Workstream
from sendtrack.inspection.models import Notification, PriorityArea
from sendtrack.inspection.outcomes import OUTCOMES, next_visits

OUTCOME_ALREADY_RECORDED = "The outcome of this inspection is already recorded"
NO_OUTCOME_YET = "Record the outcome and the report's areas before starting the plan"
PLAN_ALREADY_STARTED = "A plan has already been started from this inspection"


class OutcomeRefused(ValueError):
    """The outcome or plan cannot be recorded in the inspection's present state."""


def outcome_key(notification: Notification) -> str | None:
    """The outcome recorded, as a key of `OUTCOMES`, read back from the inspection's wording."""
    labels = {outcome.label: key for key, outcome in OUTCOMES.items()}
    return labels.get(notification.inspection.outcome)


@transaction.atomic(durable=True)
def record_outcome(
    *,
    notification: Notification,
    by: User,
    outcome: str,
    report_published_on: dt.date,
    priority_areas: list[tuple[str, str]],
    improvement_areas: list[str],
) -> list[tuple[str, dt.date]]:
    """The outcome and the report's areas as findings; returns the visits the outcome implies."""
    inspection = notification.inspection
    if inspection.outcome or inspection.findings.exists():
        raise OutcomeRefused(OUTCOME_ALREADY_RECORDED)
    visits = next_visits(outcome, report_published_on)
    inspection.outcome = OUTCOMES[outcome].label
    inspection.letter_published_on = report_published_on
    inspection.next_visit_by = visits[0][1]
    inspection.save(update_fields=["outcome", "letter_published_on", "next_visit_by"])
    for position, (body, wording) in enumerate(priority_areas):
        finding = Finding.objects.create(
            local_area=inspection.local_area,
            inspection=inspection,
            kind=FindingKind.PRIORITY_ACTION,
            text=wording,
            position=position,
        )
        PriorityArea.objects.create(finding=finding, responsible_body=body)
    Finding.objects.bulk_create(
        Finding(
            local_area=inspection.local_area,
            inspection=inspection,
            kind=FindingKind.IMPROVEMENT,
            text=wording,
            position=len(priority_areas) + position,
        )
        for position, wording in enumerate(improvement_areas)
    )
    audit(
        actor=by,
        verb=AuditVerb.INSPECTION_OUTCOME_RECORDED,
        subject=inspection,
        detail={
            "outcome": outcome,
            "report_published_on": report_published_on,
            "priority_areas": len(priority_areas),
            "improvement_areas": len(improvement_areas),
        },
    )
    return visits


@transaction.atomic(durable=True)
def start_priority_action_plan(*, notification: Notification, by: User) -> ImprovementPlan:
    """A draft plan whose workstreams are the report's areas for priority action, each with its body.

    After systemic failings it is the priority action plan (area SEND) HMCI requires; after the
    other outcomes the same areas start the strategic plan update the report asks for (spec A2, C1.6).
    """
    inspection = notification.inspection
    key = outcome_key(notification)
    if key is None:
        raise OutcomeRefused(NO_OUTCOME_YET)
    if inspection.plans.exists():
        raise OutcomeRefused(PLAN_ALREADY_STARTED)
    day = inspection.letter_published_on or notification.notified_on
    systemic = OUTCOMES[key].priority_action_plan
    kind = PlanKind.PRIORITY_ACTION_PLAN if systemic else PlanKind.IMPROVEMENT_PLAN
    title = "Priority action plan (area SEND)" if systemic else "Strategic plan update"
    plan = ImprovementPlan.objects.create(
        local_area=inspection.local_area,
        name=f"{title} after the report of {day.day} {day:%B %Y}",
        kind=kind,
        inspection=inspection,
    )
    areas = inspection.findings.filter(kind=FindingKind.PRIORITY_ACTION).select_related("priority_area")
    Workstream.objects.bulk_create(
        Workstream(
            plan=plan, name=f"{finding.priority_area.responsible_body}: {finding.text}"[:300], position=i
        )
        for i, finding in enumerate(areas)
    )
    audit(
        actor=by,
        verb=AuditVerb.PRIORITY_ACTION_PLAN_STARTED,
        subject=plan,
        detail={"inspection": inspection.pk},
    )
    return plan
