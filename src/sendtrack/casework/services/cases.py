"""Changing a case's details (person's details, assigned caseworker) without overwriting others."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from sendtrack.accounts.models import User
from sendtrack.casework.audit_values import seal
from sendtrack.casework.models import Case, Person
from sendtrack.core.audit import audit, audited, changes
from sendtrack.core.models import AuditVerb

EDIT_CONFLICT = (
    "Someone else changed this case while you were editing it. Your changes have not been saved: "
    "check the details below, then save again"
)
PERSON_DETAIL_FIELDS = (
    "given_name",
    "family_name",
    "date_of_birth",
    "upn",
    "uln",
    "upn_unknown",
    "sex",
    "ethnicity",
    "primary_need",
    "setting",
    "sen_unit",
    "resourced_provision",
    "residential",
    "personal_budget",
)
# Text fields where an empty answer means "not recorded": the text fields among the details.
_BLANK_IS_NONE = tuple(
    name for name in PERSON_DETAIL_FIELDS if isinstance(Person._meta.get_field(name), models.CharField)
)


# Details about the person that the audit trail keeps sealed with their key (decision 0023).
_SEALED = frozenset(Person.personal_fields()) & frozenset(PERSON_DETAIL_FIELDS)


class EditConflict(Exception):
    """The case changed since the editor loaded it."""


def _shown(value: Any) -> Any:
    """A value as the audit trail keeps it: dates as text, a linked row by its name."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def sealed_changes(person: Person, found: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The changes as the audit row keeps them: each personal detail's values sealed."""
    return {
        name: {side: seal(person, value) for side, value in change.items()} if name in _SEALED else change
        for name, change in found.items()
    }


def _details_of(case: Case) -> dict[str, Any]:
    person = case.person
    values = {name: _shown(getattr(person, name)) for name in PERSON_DETAIL_FIELDS}
    values["caseworker"] = _shown(case.caseworker)
    return values


@audited(AuditVerb.CASE_DETAILS_CHANGED)
@transaction.atomic(durable=True)
def update_case_details(*, case: Case, by: User, version: int, details: dict[str, Any]) -> Case:
    """Save the person's details and the assigned caseworker if nobody changed the case since
    `version` was read; otherwise raise `EditConflict` and change nothing.

    The audit row keeps each changed detail's value before and after.
    """
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("person__setting", "caseworker")
        .filter(pk=case.pk, version=version)
        .first()
    )
    if locked is None:
        raise EditConflict(EDIT_CONFLICT)
    before = _details_of(locked)
    Case.objects.filter(pk=case.pk).update(
        version=F("version") + 1, updated_at=timezone.now(), caseworker=details.get("caseworker")
    )
    person_values = {name: details[name] for name in PERSON_DETAIL_FIELDS if name in details}
    if "setting" in person_values:
        setting = person_values["setting"]
        person_values["setting_urn"] = setting.urn if setting is not None and setting.urn else None
    for name in _BLANK_IS_NONE:
        if name in person_values and person_values[name] == "":
            person_values[name] = None
    Person.objects.filter(pk=case.person_id).update(**person_values)
    case.refresh_from_db()
    after = {
        **before,
        **{name: _shown(value) for name, value in person_values.items() if name in PERSON_DETAIL_FIELDS},
        "caseworker": _shown(details.get("caseworker")),
    }
    audit(
        actor=by,
        verb=AuditVerb.CASE_DETAILS_CHANGED,
        subject=case,
        detail={"changes": sealed_changes(case.person, changes(before, after))},
    )
    return case
