"""Writing, issuing and confirming EHC plans: each change audited, each issue a case event.

Issuing a draft records `draft_plan_issued` and asks each agency named in Section K to confirm
its part before the family's 15 days for comment end (by email too, to each adviser with an
address); issuing the final plan records `final_plan_issued`; issuing an amended plan records
`amended_plan_issued`. The engine then derives the milestones as for any other event.
"""

from __future__ import annotations

import copy
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sendtrack.accounts.models import User
from sendtrack.casework.case_file_selectors import current_events
from sendtrack.casework.models import Case, CaseEvent
from sendtrack.casework.services import record_event_in_transaction
from sendtrack.core.audit import audit
from sendtrack.core.models import AuditVerb
from sendtrack.ehcplan.checks import stored_findings
from sendtrack.ehcplan.emails import ask_by_email
from sendtrack.ehcplan.models import Agency, AgencyConfirmation, PlanKind, PlanVersion
from sendtrack.ehcplan.structure import Advice, EhcPlan, year_group_on
from sendtrack.ehcplan.versions import differences, to_json
from sendtrack.statutory.labels import agency_label
from sendtrack.statutory.rules import DRAFT_COMMENT_PERIOD

# Agencies confirm their sections this many days before the family's time to comment ends.
CONFIRM_BEFORE_COMMENTS_END = 5
EVENT_FOR_KIND = {
    PlanKind.DRAFT: "draft_plan_issued",
    PlanKind.FINAL: "final_plan_issued",
    PlanKind.AMENDED: "amended_plan_issued",
}
ADVICE_AGENCIES = {"education", "health", "social_care", "educational_psychology", "other"}


class PlanNotOpen(ValueError):
    """The version was issued: a change needs a new version."""


def advice_from_events(events: list[CaseEvent]) -> list[Advice]:
    """Section K: each advice requested, who from, and when it was received."""
    rows: list[Advice] = []
    for event in sorted(events, key=lambda e: (e.date or date.min, e.position)):
        agency = str(event.data.get("from", ""))
        if agency not in ADVICE_AGENCIES:
            continue
        if event.type == "advice_requested":
            adviser = (
                event.organisation.name
                if event.organisation
                else str(event.data.get("to", "")) or agency_label(agency)
            )
            rows.append(Advice(agency, adviser, event.date, None, str(event.data.get("email", "")).strip()))
        elif event.type == "advice_received":
            waiting = next((a for a in rows if a.agency == agency and a.received is None), None)
            if waiting is not None:
                waiting.received = event.date
    return rows


def _with_emails_kept(rows: list[Advice], earlier: list[Advice]) -> list[Advice]:
    """Section K from the events, keeping the email addresses given for the same advisers before."""
    known = {(a.agency, a.adviser): a.email for a in earlier if a.email}
    for row in rows:
        row.email = row.email or known.get((row.agency, row.adviser), "")
    return rows


def _next_number(case: Case) -> int:
    return (PlanVersion.objects.filter(case=case).aggregate(top=Max("number"))["top"] or 0) + 1


def _audit_change(
    by: User | None, version: PlanVersion, before: EhcPlan | None, after: EhcPlan, reason: str
) -> None:
    changes = differences(before or EhcPlan(), after)
    audit(
        actor=by,
        verb=AuditVerb.EHC_PLAN_CHANGED,
        local_area=version.case.local_area,
        subject=version,
        detail={
            "case": version.case.case_ref,
            "version": version.number,
            "reason": reason,
            "changes": [asdict(change) for change in changes],
        },
    )


@transaction.atomic
def start_plan(*, case: Case, by: User | None, kind: str = PlanKind.DRAFT, reason: str = "") -> PlanVersion:
    """A new version to write: from the last one, or from the case (name, year group, advice, setting)."""
    latest = PlanVersion.objects.filter(case=case).order_by("-number").first()
    if latest is not None and latest.is_open:
        return latest
    if latest is not None:
        plan = copy.deepcopy(latest.plan())
        plan.status, plan.issued_on = "draft", None
    else:
        person = case.person
        plan = EhcPlan(
            child_name=" ".join(n for n in (person.given_name, person.family_name) if n),
            year_group=year_group_on(person.date_of_birth, timezone.localdate()),
        )
        setting = getattr(person, "setting", None)
        if setting is not None:
            plan.sections["I"] = setting.name
    plan.advice = _with_emails_kept(advice_from_events(current_events(case)), plan.advice) or plan.advice
    version = PlanVersion.objects.create(
        case=case,
        number=_next_number(case),
        kind=kind,
        content=to_json(plan),
        findings=stored_findings(plan),
        created_by=by,
        reason=reason,
    )
    _audit_change(by, version, latest.plan() if latest else None, plan, reason or "Plan started")
    return version


@transaction.atomic
def save_plan(*, version: PlanVersion, by: User, plan: EhcPlan, reason: str = "") -> PlanVersion:
    """Replace the words of a version still being written; the audit keeps what changed."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_open:
        raise PlanNotOpen(f"{version} was issued on {version.issued_on}: start a new version to change it")
    before = version.plan()
    version.content, version.findings = to_json(plan), stored_findings(plan)
    version.changed_at = timezone.now()
    version.save(update_fields=["content", "findings", "changed_at"])
    _audit_change(by, version, before, plan, reason)
    return version


@transaction.atomic
def issue_plan(*, version: PlanVersion, by: User, on: date, kind: str) -> PlanVersion:
    """Issue a version as a draft, final or amended plan: record the case event and freeze the words."""
    version = PlanVersion.objects.select_for_update().select_related("case").get(pk=version.pk)
    if not version.is_open:
        raise PlanNotOpen(f"{version} was already issued on {version.issued_on}")
    plan = version.plan()
    plan.status = "draft" if kind == PlanKind.DRAFT else "final" if kind == PlanKind.FINAL else "amended"
    plan.issued_on = on
    if kind != PlanKind.DRAFT:
        confirmed = AgencyConfirmation.objects.filter(version__case=version.case, confirmed_on__isnull=False)
        plan.confirmed = {c.agency: c.confirmed_on for c in confirmed.order_by("confirmed_on")}
    event: dict[str, Any] = {"type": EVENT_FOR_KIND[PlanKind(kind)], "date": on.isoformat()}
    version.event = record_event_in_transaction(case=version.case, by=by, event=event)
    version.kind, version.issued_on, version.content = kind, on, to_json(plan)
    version.findings = stored_findings(plan)
    version.save(update_fields=["kind", "issued_on", "content", "findings", "event"])
    if kind == PlanKind.DRAFT:
        _ask_agencies(version, plan, on)
    audit(
        actor=by,
        verb=AuditVerb.EHC_PLAN_ISSUED,
        local_area=version.case.local_area,
        subject=version,
        detail={"case": version.case.case_ref, "version": version.number, "kind": kind, "on": on},
    )
    return version


def _ask_agencies(version: PlanVersion, plan: EhcPlan, on: date) -> None:
    named = {a.agency for a in plan.advice} & {Agency.HEALTH, Agency.SOCIAL_CARE, Agency.EDUCATION}
    named |= plan.agencies_with_content()
    due = on + timedelta(days=DRAFT_COMMENT_PERIOD.count - CONFIRM_BEFORE_COMMENTS_END)
    organisations = {
        e.data.get("from"): e.organisation
        for e in current_events(version.case)
        if e.type == "advice_requested" and e.organisation is not None
    }
    confirmations = [
        AgencyConfirmation.objects.create(
            version=version,
            agency=agency,
            organisation=organisations.get(agency),
            requested_on=on,
            due_on=due,
        )
        for agency in sorted(named)
    ]
    ask_by_email(version, plan, confirmations)


@transaction.atomic
def confirm_sections(
    *, confirmation: AgencyConfirmation, by: User, on: date, corrections: str = ""
) -> AgencyConfirmation:
    """An agency confirms its sections of the draft, or sends corrections with its confirmation."""
    confirmation.confirmed_on, confirmation.confirmed_by = on, by
    confirmation.corrections = corrections.strip()
    confirmation.save(update_fields=["confirmed_on", "confirmed_by", "corrections"])
    audit(
        actor=by,
        verb=AuditVerb.EHC_PLAN_CONFIRMED,
        local_area=confirmation.version.case.local_area,
        subject=confirmation,
        detail={"agency": confirmation.agency, "on": on, "corrections": confirmation.corrections},
    )
    return confirmation
