"""The access log: who viewed or exported a person's record, written before the record is shown."""

from __future__ import annotations

from collections.abc import Iterable

from sendtrack.accounts.models import User
from sendtrack.casework.models import AccessLog, Case
from sendtrack.core.audit import not_audited

ACCESS_LOG_IS_THE_RECORD = "the access log is itself the insert-only record of who looked"

VIEWED_RECORD = "viewed record"
EXPORTED = "exported"
VIEWED_TIMELINE = "viewed timeline"
VIEWED_HISTORY = "viewed history"


class AccessLogUnavailable(Exception):
    """The access-log row could not be written, so the record must not be shown (answered with 503)."""


@not_audited(ACCESS_LOG_IS_THE_RECORD, writes=[AccessLog])
def log_access(*, actor: User, case: Case, action: str, path: str = "") -> AccessLog:
    """Write one row; any database error propagates so the caller does not show the record."""
    return AccessLog.objects.create(
        actor=actor, case=case, person_id=case.person_id, action=action, path=path[:500]
    )


@not_audited(ACCESS_LOG_IS_THE_RECORD, writes=[AccessLog])
def log_export(*, actor: User, cases: Iterable[Case], path: str = "") -> int:
    """One row per exported case, inserted in bulk."""
    rows = [
        AccessLog(actor=actor, case_id=case.pk, person_id=case.person_id, action=EXPORTED, path=path[:500])
        for case in cases
    ]
    AccessLog.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
