"""Retention: what has been kept long enough, and erasing it.

Each record class has a period (a `RetentionPeriod` row, or the default here). A person's record
is kept until their 31st birthday unless the schedule says otherwise, and never erased while a
legal hold is current. Erasure follows `PERSON_RELATIONS`: rows about the person are deleted, the
person and their cases stay as tombstones with nothing identifying, and the access log keeps
pointing at the tombstones (see docs/decisions/0007-erasure-keeps-a-tombstone.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Model, QuerySet

from sendtrack.accounts.models import LocalArea, User
from sendtrack.core.audit import audit
from sendtrack.core.models import AuditVerb, LegalHold, RecordClass, RetentionPeriod
from sendtrack.core.subject_access import ANONYMISED, DELETED, DETACHED, PERSON_RELATIONS

# (keep_until_age, keep_for_days) when the schedule has no row for the class.
DEFAULT_PERIODS = {
    RecordClass.CASE_RECORD: (31, None),
    RecordClass.FAMILY_NOTIFICATION: (None, 2 * 365),
}
ERASED_KEY = "erased_on"


@dataclass
class RetentionReport:
    persons: list[int] = field(default_factory=list)  # person ids erased (or that would be)
    case_refs: list[str] = field(default_factory=list)
    held: int = 0
    no_date_of_birth: int = 0
    family_notifications: int = 0
    rows_deleted: dict[str, int] = field(default_factory=dict)


def period(record_class: RecordClass) -> tuple[int | None, int | None]:
    row = RetentionPeriod.objects.filter(record_class=record_class).first()
    if row is None:
        return DEFAULT_PERIODS[record_class]
    return row.keep_until_age, row.keep_for_days


def birthday(date_of_birth: dt.date, age: int) -> dt.date:
    try:
        return date_of_birth.replace(year=date_of_birth.year + age)
    except ValueError:  # born on 29 February
        return dt.date(date_of_birth.year + age, 3, 1)


def persons_past_retention(*, as_of: dt.date, area: LocalArea | None = None) -> tuple[list[Model], int, int]:
    """(persons due for erasure, how many are held, how many have no date of birth)."""
    person_model = apps.get_model("casework", "Person")
    age, days = period(RecordClass.CASE_RECORD)
    persons = person_model.objects.exclude(extra__has_key=ERASED_KEY)
    if area is not None:
        persons = persons.filter(local_area=area)
    held_ids = set(current_holds().values_list("person_id", flat=True))
    due: list[Model] = []
    held = 0
    no_date_of_birth = persons.filter(date_of_birth__isnull=True).count()
    for person in persons.filter(date_of_birth__isnull=False).only("pk", "date_of_birth").order_by("pk"):
        if age is not None:
            ends = birthday(person.date_of_birth, age)
        else:
            ends = person.date_of_birth + dt.timedelta(days=days or 0)
        if ends > as_of:
            continue
        if person.pk in held_ids:
            held += 1
            continue
        due.append(person)
    return due, held, no_date_of_birth


def current_holds() -> QuerySet[LegalHold]:
    return LegalHold.objects.filter(released_at__isnull=True)


def family_notifications_past_retention(*, as_of: dt.date, area: LocalArea | None = None) -> QuerySet[Any]:
    notification_model: Any = apps.get_model("portal", "FamilyNotification")
    _, days = period(RecordClass.FAMILY_NOTIFICATION)
    old = notification_model.objects.filter(as_of__lt=as_of - dt.timedelta(days=days or 0))
    if area is not None:
        old = old.filter(case__local_area=area)
    kept: QuerySet[Any] = old.exclude(case__person__in=current_holds().values("person_id"))
    return kept


@transaction.atomic
def erase_person(*, person: Model, by: User | None = None, as_of: dt.date) -> dict[str, int]:
    """Delete what `PERSON_RELATIONS` says to delete; leave the person and cases as tombstones."""
    person_model: Any = apps.get_model("casework", "Person")
    case_model: Any = apps.get_model("casework", "Case")
    locked = person_model.objects.select_for_update().get(pk=person.pk)
    if current_holds().filter(person=locked).exists():
        raise ValueError("This person's record is under a legal hold")
    deleted: dict[str, int] = {}
    done: set[str] = set()
    for key, relation in PERSON_RELATIONS.items():
        label, field_name = key.rsplit(".", 1)
        model = apps.get_model(label)
        if relation.erasure == DELETED and label not in done:
            done.add(label)
            for name, count in model._base_manager.filter(**{relation.path: locked}).delete()[1].items():
                deleted[name] = deleted.get(name, 0) + count
        elif relation.erasure == DETACHED and model._meta.get_field(field_name).related_model in {
            person_model,
            case_model,
        }:
            model._base_manager.filter(**{relation.path: locked}).update(**{field_name: None})
        elif relation.erasure == ANONYMISED and model is not case_model:
            raise NotImplementedError(f"No anonymisation written for {key}")
    cases = list(case_model.objects.filter(person=locked))
    for case in cases:
        case.case_ref = f"ERASED-{case.pk}"
        case.extra = {}
        case.content_hash = ""
        case.caseworker = None
        case.stage = "no_request"
        case.open = False
        case.request_received = case.next_due = case.milestones_as_of = None
        case.next_due_rule = ""
        case.version += 1
        case.save()
        audit(actor=by, verb=AuditVerb.PERSON_ERASED, subject=case, detail={"as_of": as_of.isoformat()})
    for name in locked.personal_fields():
        setattr(locked, name, None)
    locked.extra = {ERASED_KEY: as_of.isoformat()}
    locked.save()
    return deleted


def apply_retention(*, as_of: dt.date, area: LocalArea | None = None, dry_run: bool) -> RetentionReport:
    due, held, no_date_of_birth = persons_past_retention(as_of=as_of, area=area)
    case_model = apps.get_model("casework", "Case")
    report = RetentionReport(
        persons=[p.pk for p in due],
        case_refs=list(
            case_model.objects.filter(person__in=[p.pk for p in due])
            .order_by("case_ref")
            .values_list("case_ref", flat=True)
        ),
        held=held,
        no_date_of_birth=no_date_of_birth,
    )
    notifications = family_notifications_past_retention(as_of=as_of, area=area)
    report.family_notifications = notifications.count()
    if dry_run:
        return report
    for person in due:
        for name, count in erase_person(person=person, as_of=as_of).items():
            report.rows_deleted[name] = report.rows_deleted.get(name, 0) + count
    notifications.delete()
    return report
