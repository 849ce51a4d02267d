"""Writing the audit trail: one call, inside the transaction of the change it records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models, transaction

from sendtrack.accounts.models import LocalArea, User
from sendtrack.core.models import AuditEvent, AuditVerb

NOT_IN_A_TRANSACTION = "audit() must be called inside the transaction of the change it records"


def audit(
    *,
    actor: User | None,
    verb: AuditVerb | str,
    local_area: LocalArea | None = None,
    subject: models.Model | None = None,
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Record that `actor` did `verb` to `subject` in `local_area`.

    - `actor` is None (or an anonymous user) for a command or the system.
    - `local_area`, when left out, is the subject's own local area if it has one.
    - The row is written in the caller's transaction, so it exists exactly when the change does;
      called outside a transaction it refuses.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(NOT_IN_A_TRANSACTION)
    verb = AuditVerb(verb)
    if actor is not None and not actor.is_authenticated:
        actor = None
    local_area_id = local_area.pk if local_area is not None else getattr(subject, "local_area_id", None)
    return AuditEvent.objects.create(
        verb=verb,
        actor=actor,
        local_area_id=local_area_id,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        detail=dict(detail or {}),
    )
