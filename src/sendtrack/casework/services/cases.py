"""Changing a case's details (person's details, assigned caseworker) without overwriting others."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sendtrack.accounts.models import User
from sendtrack.casework.models import Case, Person

EDIT_CONFLICT = (
    "Someone else changed this case while you were editing it. Your changes have not been saved: "
    "check the details below, then save again"
)
PERSON_DETAIL_FIELDS = ("given_name", "family_name", "date_of_birth", "upn", "uln", "primary_need", "setting")


class EditConflict(Exception):
    """The case changed since the editor loaded it."""


@transaction.atomic
def update_case_details(*, case: Case, by: User, version: int, details: dict[str, Any]) -> Case:
    """Save the person's details and the assigned caseworker if nobody changed the case since
    `version` was read; otherwise raise `EditConflict` and change nothing."""
    claimed = Case.objects.filter(pk=case.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(), caseworker=details.get("caseworker")
    )
    if claimed != 1:
        raise EditConflict(EDIT_CONFLICT)
    person_values = {name: details[name] for name in PERSON_DETAIL_FIELDS if name in details}
    if "setting" in person_values:
        setting = person_values["setting"]
        person_values["setting_urn"] = setting.urn if setting is not None and setting.urn else None
    for name in ("given_name", "family_name", "upn", "uln", "primary_need"):
        if name in person_values and person_values[name] == "":
            person_values[name] = None
    Person.objects.filter(pk=case.person_id).update(**person_values)
    case.refresh_from_db()
    return case
