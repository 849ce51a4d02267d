"""The SEN2 return checked by a job and kept in the database, so the problems page only reads it.

A check is current while nothing the return is built from changed after it began. On PostgreSQL
the check keeps the database snapshot it read from, and triggers note every statement that changes
an area's people, cases or events with its transaction (`RecordChange`): one index lookup says
whether a transaction the snapshot did not see has changed the area since, whoever wrote it. On
SQLite a digest of the records is compared instead. The page never shows an older check as if
current: it says the records changed and starts a new check (`ensure_check`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib.metadata import PackageNotFoundError, version

from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone

from sendtrack.accounts.models import LocalArea, User
from sendtrack.casework.models import Case, CaseEvent, Person
from sendtrack.jobs.models import Job, JobKind, JobStatus
from sendtrack.jobs.services import start_job
from sendtrack.performance.models import RecordChange, Sen2Check, Sen2Problem
from sendtrack.performance.sen2_renderer import CHUNK, CaseIssue, sen2_issues
from sendtrack.performance.sen2_rules import RULES

STORE_BATCH = 5000
# A check that stopped with an error is started again by a visit only after this long (15 minutes).
RETRY_AFTER = timedelta(seconds=900)

# The snapshot a check reads from; and, when it runs inside a transaction that has written already
# (a test, or a caller's own transaction), that transaction and its newest note, since a snapshot
# does not say which of its own transaction's writes came before it.
_RECORDS_NOW_SQL = """
SELECT pg_current_snapshot()::text, coalesce(pg_current_xact_id_if_assigned()::text, '0'),
       (SELECT coalesce(max(id), 0) FROM performance_recordchange
         WHERE xid = pg_current_xact_id_if_assigned()::text::bigint)
"""
_CHANGED_SINCE_SQL = """
SELECT EXISTS (
  SELECT 1 FROM performance_recordchange
   WHERE area_id = %(area)s AND xid >= %(xmin)s
     AND CASE WHEN xid = %(own)s THEN id > %(own_last)s
              ELSE NOT pg_visible_in_snapshot(xid::text::xid8, %(snapshot)s::pg_snapshot) END
)
"""


def rules_version() -> str:
    """The checks themselves: a new release or a changed rule makes every kept check out of date."""
    try:
        release = version("sendtrack")
    except PackageNotFoundError:
        release = "development"
    text = release + "".join(f"|{rule.code}:{rule.message}" for rule in RULES)
    return hashlib.sha256(text.encode()).hexdigest()


def records_now(area: LocalArea) -> str:
    """What a check starting now reads from: the snapshot on PostgreSQL, else a digest of the records."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_RECORDS_NOW_SQL)
            return "|".join(str(part) for part in cursor.fetchone())
    return records_digest(area)


def records_digest(area: LocalArea) -> str:
    """Every field of the area's cases and their people, and the number, newest id and newest time of
    their events (append-only: a correction or removal is a new event)."""
    digest = hashlib.sha256()
    cases = Case.objects.filter(local_area=area).order_by("pk")
    for row in cases.values_list().iterator(chunk_size=CHUNK):
        digest.update(repr(row).encode())
    people = Person.objects.filter(pk__in=cases.values("person_id")).order_by("pk").values_list()
    for row in people.iterator(chunk_size=CHUNK):
        digest.update(repr(row).encode())
    events = CaseEvent.objects.filter(case__local_area=area).aggregate(
        count=Count("pk"), newest=Max("pk"), recorded=Max("recorded_at")
    )
    digest.update(repr(sorted(events.items())).encode())
    return digest.hexdigest()


def _snapshot_xmin(records_as_of: str) -> int:
    return int(records_as_of.split(":", 1)[0])


def changed_since(check: Sen2Check) -> bool:
    """Whether the checks or anything the area's return is built from changed after `check` began."""
    if check.rules != rules_version():
        return True
    if connection.vendor != "postgresql":
        return check.records_as_of != records_digest(check.local_area)
    snapshot, own, own_last = check.records_as_of.split("|")
    params = {"area": check.local_area_id, "xmin": _snapshot_xmin(snapshot), "snapshot": snapshot}
    with connection.cursor() as cursor:
        cursor.execute(_CHANGED_SINCE_SQL, {**params, "own": int(own), "own_last": int(own_last)})
        return bool(cursor.fetchone()[0])


def latest_check(area: LocalArea, census_date: date) -> Sen2Check | None:
    return Sen2Check.objects.filter(local_area=area, census_date=census_date).order_by("-finished_at").first()


def last_job(area: LocalArea, census_date: date) -> Job | None:
    return (
        Job.objects.filter(
            kind=JobKind.SEN2_CHECK, local_area=area, params__census_date=census_date.isoformat()
        )
        .order_by("-created_at")
        .first()
    )


@dataclass(frozen=True)
class CheckState:
    """What the page can say: the last check, whether the records changed since, and the job checking."""

    check: Sen2Check | None
    current: bool
    job: Job | None

    @property
    def checking(self) -> bool:
        return self.job is not None and not self.job.finished

    @property
    def stopped(self) -> bool:
        """The last check stopped with an error a short while ago: not started again by itself."""
        return (
            self.job is not None
            and self.job.status == JobStatus.FAILED
            and self.job.finished_at is not None
            and timezone.now() - self.job.finished_at < RETRY_AFTER
        )


def check_state(area: LocalArea, census_date: date) -> CheckState:
    check = latest_check(area, census_date)
    current = check is not None and not changed_since(check)
    return CheckState(check, current, None if current else last_job(area, census_date))


def start_check(area: LocalArea, census_date: date, *, by: User | None, again: bool = False) -> Job:
    return start_job(
        kind=JobKind.SEN2_CHECK,
        by=by,
        area=area,
        unit="persons",
        census_date=census_date.isoformat(),
        again=again,
    )


def ensure_check(area: LocalArea, census_date: date, *, by: User | None) -> CheckState:
    """The state of the area's check, a new check started when it is missing or out of date and none
    is on its way. With the jobs run in the web process the check is done before this returns."""
    state = check_state(area, census_date)
    if state.current or state.checking or state.stopped:
        return state
    start_check(area, census_date, by=by)
    return check_state(area, census_date)


def run_check(
    area: LocalArea,
    census_date: date,
    *,
    job: Job | None = None,
    again: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Sen2Check:
    """Check the area's return and keep what was found; a current check is kept unless `again`."""
    check = latest_check(area, census_date)
    if check is not None and not again and not changed_since(check):
        return check
    records_as_of = records_now(area)
    started = timezone.now()
    persons = 0

    def counted(done: int) -> None:
        nonlocal persons
        persons = done
        if progress is not None:
            progress(done)

    issues = sen2_issues(area=area, census_date=census_date, progress=counted)
    return store_check(
        area,
        census_date,
        records_as_of=records_as_of,
        job=job,
        persons=persons,
        started=started,
        issues=issues,
    )


@transaction.atomic
def store_check(
    area: LocalArea,
    census_date: date,
    *,
    records_as_of: str,
    job: Job | None,
    persons: int,
    started: datetime,
    issues: list[CaseIssue],
) -> Sen2Check:
    """Keep one check's problems in their order and drop the area's older checks of the same census."""
    Sen2Check.objects.filter(local_area=area, census_date=census_date).delete()
    case_ids = dict(Case.objects.filter(local_area=area).values_list("case_ref", "pk"))
    # A case deleted since it was read is left out: the check is out of date anyway.
    kept = [item for item in issues if item.case_ref in case_ids]
    check = Sen2Check.objects.create(
        local_area=area,
        census_date=census_date,
        records_as_of=records_as_of,
        rules=rules_version(),
        job=job,
        persons=persons,
        started_at=started,
        finished_at=timezone.now(),
        counts=dict(Counter(item.issue.rule.code for item in kept)),
    )
    rows = [
        Sen2Problem(
            sen2_check=check,
            position=position,
            case_id=case_ids[item.case_ref],
            case_ref=item.case_ref,
            rule=item.issue.rule.code,
            detail=item.issue.detail,
        )
        for position, item in enumerate(kept)
    ]
    Sen2Problem.objects.bulk_create(rows, batch_size=STORE_BATCH)
    _forget_old_changes(area)
    return check


def _forget_old_changes(area: LocalArea) -> None:
    """Notes older than every kept check's snapshot can no longer make one out of date."""
    if connection.vendor != "postgresql":
        return
    kept = [
        _snapshot_xmin(s)
        for s in Sen2Check.objects.filter(local_area=area).values_list("records_as_of", flat=True)
    ]
    RecordChange.objects.filter(area_id=area.pk, xid__lt=min(kept)).delete()
