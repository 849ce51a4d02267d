"""Progress updates on actions: append-only history; a change of RAG carries its reason."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import User
from sendtrack.core.audit import audit_record
from sendtrack.core.models import AuditVerb
from sendtrack.improvement import rules
from sendtrack.improvement.models import Action, ActionUpdate, UpdateSource

RAG_REASON_REQUIRED = "Enter why the RAG rating changed"
NOTHING_TO_RECORD = "Enter a progress update, or change the status or RAG rating"


class ActionUpdateRefused(ValueError):
    pass


def _comparable(value: object) -> object:
    return getattr(value, "pk", value)


def _shown(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return value
    return str(value)


def apply_action_changes(
    *,
    action: Action,
    by: User | None,
    at: dt.datetime,
    source: str,
    status: str,
    rag: str,
    narrative: str,
    reason: str,
    fields: dict[str, object],
    created: bool = False,
) -> bool:
    """Change an action and write one ActionUpdate saying what changed; False when nothing did.

    The shared step under imports, the page and the API; callers hold the transaction.
    """
    changes: dict[str, list[object]] = {}
    for name, value in fields.items():
        if name in {"latest_update", "position"}:
            continue
        old = getattr(action, name)
        if _comparable(old) != _comparable(value):
            changes[name] = [_shown(old), _shown(value)]
    status_from, rag_from = action.status, action.rag
    narrative_changed = bool(narrative) and narrative != action.latest_update
    if not created and not changes and status == status_from and rag == rag_from and not narrative_changed:
        position = fields.get("position", action.position)
        if isinstance(position, int) and position != action.position:
            action.position = position
            action.save(update_fields=["position"])
        return False
    if not created and rag != rag_from and not reason.strip():
        raise ActionUpdateRefused(RAG_REASON_REQUIRED)
    for name, value in fields.items():
        setattr(action, name, value)
    action.status, action.rag = status, rag
    if narrative:
        action.latest_update = narrative
    today = timezone.localdate(at)
    if status in rules.STARTED_STATUSES and action.actual_start is None and not created:
        action.actual_start = today
    if status == rules.COMPLETE and action.actual_finish is None and not created:
        action.actual_finish = today
    if status != rules.COMPLETE:
        action.actual_finish = None
    action.save()
    ActionUpdate.objects.create(
        action=action,
        recorded_at=at,
        recorded_by=by,
        source=source,
        status_from="" if created else status_from,
        status=status,
        rag_from="" if created else rag_from,
        rag=rag,
        narrative=narrative if (created or narrative_changed) else "",
        reason=reason if (not created and rag != rag_from) else "",
        changes=changes,
    )
    return True


@transaction.atomic(durable=True)
def record_action_update(
    *,
    action: Action,
    by: User,
    status: str,
    rag: str,
    narrative: str = "",
    reason: str = "",
    source: str = UpdateSource.PAGE,
) -> ActionUpdate:
    """An owner's or manager's update: a narrative, a new status, a new RAG rating (with its reason)."""
    plan = action.plan
    action = Action.objects.select_for_update().get(pk=action.pk)
    status_from, rag_from = action.status, action.rag
    if rag != action.rag and not reason.strip():
        raise ActionUpdateRefused(RAG_REASON_REQUIRED)
    if status == action.status and rag == action.rag and not narrative.strip():
        raise ActionUpdateRefused(NOTHING_TO_RECORD)
    now = timezone.now()
    changed = apply_action_changes(
        action=action,
        by=by,
        at=now,
        source=source,
        status=status,
        rag=rag,
        narrative=narrative.strip(),
        reason=reason.strip(),
        fields={},
    )
    if changed:
        update = action.updates.latest("recorded_at", "pk")
    else:  # the same narrative again: still a dated comment
        update = ActionUpdate.objects.create(
            action=action,
            recorded_at=now,
            recorded_by=by,
            source=source,
            status_from=action.status,
            status=action.status,
            rag_from=action.rag,
            rag=action.rag,
            narrative=narrative.strip(),
        )
    audit_record(
        by,
        AuditVerb.ACTION_UPDATED,
        action,
        "plan",
        "ref",
        local_area=plan.local_area,
        update=update.pk,
        source=source,
        status=[status_from, status],
        rag=[rag_from, rag],
    )
    return update
