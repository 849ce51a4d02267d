"""Approval and publication: a published plan is a numbered, dated, frozen copy for the public."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sendtrack.accounts.models import User
from sendtrack.core.audit import audit, save_field_audited
from sendtrack.core.models import AuditVerb
from sendtrack.improvement.models import (
    Action,
    ApprovalChange,
    ApprovalStatus,
    ImprovementPlan,
    Meeting,
    PlanVersion,
)
from sendtrack.improvement.renderers import action_fields
from sendtrack.improvement.selectors import plan_summary, progress_by

UNAPPROVED_NEEDS_REASON = "Enter why the plan is being published before it is approved"
SNAPSHOT_FIELDS = (
    "ref",
    "finding",
    "workstream",
    "action",
    "lead",
    "organisation",
    "start_date",
    "due_date",
    "status",
    "rag",
    "update",
)
FIELD_LABELS = {
    "finding": "Finding",
    "workstream": "Workstream",
    "action": "Action",
    "lead": "Lead",
    "organisation": "Lead organisation",
    "start_date": "Planned start",
    "due_date": "Due date",
    "status": "Status",
    "rag": "RAG rating",
    "update": "Latest update",
}


class PublicationRefused(ValueError):
    pass


@transaction.atomic(durable=True)
def change_approval_status(
    *, plan: ImprovementPlan, status: str, by: User | None, on: dt.date, note: str = ""
) -> ApprovalChange:
    change = ApprovalChange.objects.create(plan=plan, status=status, changed_on=on, changed_by=by, note=note)
    save_field_audited(
        plan,
        "approval_status",
        status,
        by=by,
        verb=AuditVerb.PLAN_APPROVAL_CHANGED,
        on=on,
        approval_change=change.pk,
    )
    return change


def snapshot_plan(plan: ImprovementPlan, as_of: dt.date) -> dict[str, object]:
    """Everything the public page shows, frozen as plain JSON."""
    summary = plan_summary(plan, as_of)
    actions = plan.actions.select_related("finding", "workstream").order_by("position", "pk")
    return {
        "name": plan.name,
        "kind": plan.get_kind_display(),
        "local_area": plan.local_area.name,
        "approval_status": plan.get_approval_status_display(),
        "as_of": as_of.isoformat(),
        "summary": summary.as_json(),
        "sentence": summary.sentence,
        "summary_rows": [list(row) for row in summary.rows()],
        "findings": [
            {"text": label, "summary": s.as_json(), "sentence": s.sentence}
            for label, s in progress_by(plan, as_of, "finding")
        ],
        "actions": [_published_action(action) for action in actions],
    }


# What a published version shows of each action: no success measure or evidence.
PUBLISHED_FIELDS = (
    *("ref", "finding", "workstream", "action", "lead", "organisation"),
    *("start_date", "due_date", "status", "rag", "update"),
)


def _published_action(action: Action) -> dict[str, object]:
    values = action_fields(action)
    return {name: _iso(values[name]) for name in PUBLISHED_FIELDS}


def _iso(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


@transaction.atomic(durable=True)
def publish_plan(
    *,
    plan: ImprovementPlan,
    by: User,
    meeting: Meeting | None = None,
    unapproved_reason: str = "",
    as_of: dt.date | None = None,
) -> PlanVersion:
    """Freeze the plan as its next numbered version. Before approval, the publisher must say why."""
    plan = ImprovementPlan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_approved and not unapproved_reason.strip():
        raise PublicationRefused(UNAPPROVED_NEEDS_REASON)
    now = timezone.now()
    as_of = as_of or timezone.localdate(now)
    number = (plan.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        published_at=now,
        published_by=by,
        meeting=meeting,
        unapproved_reason="" if plan.is_approved else unapproved_reason.strip(),
        snapshot=snapshot_plan(plan, as_of),
    )
    if plan.approval_status == ApprovalStatus.APPROVED:
        plan.approval_status = ApprovalStatus.PUBLISHED
        plan.save(update_fields=["approval_status"])
    ApprovalChange.objects.create(
        plan=plan,
        status=ApprovalStatus.PUBLISHED,
        changed_on=as_of,
        changed_by=by,
        note=f"Version {number} published"
        + (f" before approval: {version.unapproved_reason}" if version.unapproved_reason else ""),
    )
    audit(
        actor=by,
        verb=AuditVerb.PLAN_PUBLISHED,
        subject=plan,
        detail={
            "version": number,
            "meeting": meeting.pk if meeting else None,
            "before_approval": bool(version.unapproved_reason),
        },
    )
    return version


def compare_versions(older: PlanVersion, newer: PlanVersion) -> dict[str, object]:
    """What changed between two published versions: actions added, removed, and each field changed."""
    before = {a["ref"]: a for a in older.snapshot["actions"]}
    after = {a["ref"]: a for a in newer.snapshot["actions"]}
    changed = []
    for ref, action in after.items():
        if ref not in before:
            continue
        fields = [
            {"field": FIELD_LABELS[name], "before": before[ref].get(name, ""), "after": action.get(name, "")}
            for name in SNAPSHOT_FIELDS[1:]
            if before[ref].get(name, "") != action.get(name, "")
        ]
        if fields:
            changed.append({"ref": ref, "action": action["action"], "fields": fields})
    return {
        "older": older,
        "newer": newer,
        "added": [after[ref] for ref in after if ref not in before],
        "removed": [before[ref] for ref in before if ref not in after],
        "changed": changed,
    }
