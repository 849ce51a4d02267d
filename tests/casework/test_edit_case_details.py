from __future__ import annotations

import datetime as dt
import json

from django.urls import reverse

from sendtrack.casework.audit_values import ERASED, is_sealed, seal, unseal
from sendtrack.casework.history import case_history
from sendtrack.casework.models import AuditKey, Case
from sendtrack.casework.services.cases import EDIT_CONFLICT
from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.core.retention import erase_person


def details(version, **changes):
    data = {
        "version": version,
        "given_name": "Lily",
        "family_name": "Brown",
        "date_of_birth": "2016-04-30",
        "primary_need": "ASD",
        "upn": "",
        "uln": "",
        "setting": "",
        "caseworker": "",
    }
    data.update(changes)
    return data


def test_saving_details_changes_the_person_and_the_caseworker(client, caseworker, child_case):
    client.force_login(caseworker)

    response = client.post(
        reverse("casework:edit-details", args=["NB-0001"]),
        details(1, given_name="Lilly", caseworker=caseworker.pk),
    )

    assert response.status_code == 302
    case = Case.objects.select_related("person").get(pk=child_case.pk)
    assert case.person.given_name == "Lilly" and case.caseworker == caseworker and case.version == 2


def test_the_second_of_two_editors_gets_a_conflict_and_keeps_what_they_typed(
    client, caseworker, manager, child_case
):
    url = reverse("casework:edit-details", args=["NB-0001"])
    client.force_login(manager)
    client.post(url, details(1, family_name="Brown-Smith"))
    client.force_login(caseworker)

    response = client.post(url, details(1, given_name="Lilian"))

    body = response.content.decode()
    assert response.status_code == 200
    assert EDIT_CONFLICT.split(".")[0] in body
    assert 'value="Lilian"' in body
    person = Case.objects.select_related("person").get(pk=child_case.pk).person
    assert (person.given_name, person.family_name) == ("Lily", "Brown-Smith")
    # Saving again after reading the message works: the form now carries the latest version.
    assert 'value="2"' in body


def test_changing_the_name_and_date_of_birth_keeps_both_values_in_the_audit_trail(
    client, caseworker, child_case
):
    client.force_login(caseworker)

    client.post(
        reverse("casework:edit-details", args=["NB-0001"]),
        details(
            1,
            given_name="Lilly",
            date_of_birth="2016-05-01",
            setting=child_case.person.setting_id,
            caseworker=caseworker.pk,
        ),
    )

    row = AuditEvent.objects.get(verb=AuditVerb.CASE_DETAILS_CHANGED)
    assert (row.actor, row.subject_type, row.subject_id) == (caseworker, "casework.case", str(child_case.pk))
    person_id = child_case.person_id
    opened = {
        name: {side: unseal(person_id, value) for side, value in change.items()}
        for name, change in row.detail["changes"].items()
    }
    assert opened == {
        "given_name": {"before": "Lily", "after": "Lilly"},
        "date_of_birth": {"before": "2016-04-30", "after": "2016-05-01"},
        "caseworker": {"before": None, "after": str(caseworker)},
    }
    # The person's details are sealed in the row itself; the caseworker is not about the child.
    assert is_sealed(row.detail["changes"]["given_name"]["before"])
    assert "Lilly" not in json.dumps(row.detail)
    assert row.detail["changes"]["caseworker"] == {"before": None, "after": str(caseworker)}


def test_after_erasure_the_audit_row_stays_as_written_and_its_values_read_as_erased(
    client, caseworker, child_case
):
    client.force_login(caseworker)
    client.post(
        reverse("casework:edit-details", args=["NB-0001"]),
        details(1, given_name="Lilly", setting=child_case.person.setting_id, caseworker=caseworker.pk),
    )
    row = AuditEvent.objects.get(verb=AuditVerb.CASE_DETAILS_CHANGED)

    erase_person(person=child_case.person, as_of=dt.date(2050, 1, 1))

    after = AuditEvent.objects.get(pk=row.pk)
    assert after.detail == row.detail  # the row itself is never changed
    assert not AuditKey.objects.filter(person_id=child_case.person_id).exists()
    given = after.detail["changes"]["given_name"]
    assert (unseal(child_case.person_id, given["before"]), unseal(child_case.person_id, given["after"])) == (
        ERASED,
        ERASED,
    )
    history = case_history(Case.objects.get(pk=child_case.pk))
    changed = next(entry for entry in history if entry.what == "Details changed")
    assert {(c.what, c.before, c.after) for c in changed.changes} == {
        ("Given name", ERASED, ERASED),
        ("Caseworker", "Nothing", str(caseworker)),
    }


def test_a_value_sealed_with_another_persons_key_does_not_open(caseworker, child_case, uninvolved_case):
    sealed = seal(child_case.person, "Lily")

    assert unseal(child_case.person_id, sealed) == "Lily"
    assert unseal(uninvolved_case.person_id, sealed) == ERASED


def test_an_edit_refused_as_a_conflict_leaves_no_audit_row(client, caseworker, child_case):
    client.force_login(caseworker)

    client.post(reverse("casework:edit-details", args=["NB-0001"]), details(7, given_name="Lilian"))

    assert not AuditEvent.objects.filter(verb=AuditVerb.CASE_DETAILS_CHANGED).exists()


def test_the_details_the_sen2_return_needs_are_saved(client, caseworker, child_case):
    client.force_login(caseworker)

    response = client.post(
        reverse("casework:edit-details", args=["NB-0001"]),
        details(
            1,
            sex="F",
            ethnicity="BAFR",
            upn_unknown="UN1",
            sen_unit="no",
            resourced_provision="yes",
            residential="A",
            personal_budget="",
        ),
    )

    assert response.status_code == 302
    person = Case.objects.select_related("person").get(pk=child_case.pk).person
    assert (person.sex, person.ethnicity, person.upn_unknown) == ("F", "BAFR", "UN1")
    assert (person.sen_unit, person.resourced_provision, person.personal_budget) == (False, True, None)
    assert person.residential == "A"
    page = client.get(reverse("casework:edit-details", args=["NB-0001"])).content.decode()
    assert 'value="BAFR" selected' in page


def test_a_sex_other_than_female_or_male_is_refused_with_a_message(client, caseworker, child_case):
    client.force_login(caseworker)

    response = client.post(reverse("casework:edit-details", args=["NB-0001"]), details(1, sex="X"))

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
