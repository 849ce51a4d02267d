"""Writing the audit trail: one call, inside the transaction of the change it records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction

from sendtrack.accounts.models import LocalArea, User
from sendtrack.core.models import AuditEvent, AuditVerb

Record = TypeVar("Record", bound=models.Model)

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


def audit_record(
    by: User | None,
    verb: AuditVerb,
    record: models.Model,
    *values: str,
    local_area: LocalArea | None = None,
    **detail: Any,
) -> AuditEvent:
    """`audit()` of a record written or changed, its detail the named `values` read off the record.

    A related record is written as its key; any further `detail` follows the values.
    """
    read = {name: record.serializable_value(name) for name in values}
    return audit(actor=by, verb=verb, local_area=local_area, subject=record, detail={**read, **detail})


def save_field_audited(
    record: Record, name: str, value: Any, *, by: User | None, verb: AuditVerb, **detail: Any
) -> Record:
    """Set one field of `record`, save only that field, and audit the change "from" the old value "to" new.

    A related record is written as its key; any further `detail` follows.
    """
    before = record.serializable_value(name)
    setattr(record, name, value)
    record.save(update_fields=[name])
    after = record.serializable_value(name)
    audit(actor=by, verb=verb, subject=record, detail={"from": before, "to": after, **detail})
    return record


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """`{name: {"before": old, "after": new}}` for each name whose value differs, in `after`'s order.

    A name missing on one side counts as None there, so a creation is `before` None throughout.
    """
    names = [*after, *(name for name in before if name not in after)]
    return {
        name: {"before": before.get(name), "after": after.get(name)}
        for name in names
        if before.get(name) != after.get(name)
    }


Service = TypeVar("Service", bound=Callable[..., Any])


def audited(verb: AuditVerb) -> Callable[[Service], Service]:
    """Mark a service as one that writes an audit row with `verb` each time it changes something.

    The mark is what the test of every service reads: it calls each marked service and fails
    unless a row with this verb, carrying before and after values, was written.
    """

    def mark(service: Service) -> Service:
        service.audit_verb = verb  # type: ignore[attr-defined]
        return service

    return mark


def not_audited(reason: str, *, writes: Iterable[type[models.Model]] = ()) -> Callable[[Service], Service]:
    """Mark a service that writes no audit row, saying why, and the only models it may write to.

    For the access log (itself the record of who looked) and for derived values rebuilt from
    audited records; the test of every service fails if it writes to any other table.
    """

    def mark(service: Service) -> Service:
        service.not_audited_because = reason  # type: ignore[attr-defined]
        service.writes_only = tuple(writes)  # type: ignore[attr-defined]
        return service

    return mark
