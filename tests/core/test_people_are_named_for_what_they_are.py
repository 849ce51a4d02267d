"""Roles read as people say them: "an administrator", "a SEND manager", and a young person is
never called a parent."""

from __future__ import annotations

import copy
import datetime as dt
import html

from sendtrack.casework.models import Case, FamilyLink
from tests.casework.conftest import CHILD, import_objects
from tests.factories import member


def page_text(client, path: str) -> str:
    return html.unescape(client.get(path).content.decode())


def test_the_home_page_uses_an_before_a_vowel(client, administrator):
    client.force_login(administrator)

    assert "You are signed in as an administrator at Northbridge Council." in page_text(client, "/")


def test_the_home_page_keeps_the_capitals_of_a_send_manager(client, manager):
    client.force_login(manager)

    assert "You are signed in as a SEND manager at Northbridge Council." in page_text(client, "/")


def test_a_young_person_is_greeted_as_a_young_person_not_a_parent(client, area, council, caseworker):
    import_objects([copy.deepcopy(CHILD)], area)
    person = Case.objects.get(local_area=area, case_ref="NB-0001").person
    young_person = member("lily@example.org", "parent", council, "Lily Brown")
    FamilyLink.objects.create(
        person=person,
        user=young_person,
        relationship=FamilyLink.Relationship.YOUNG_PERSON,
        granted_by=caseworker,
        started_on=dt.date(2026, 1, 20),
    )
    client.force_login(young_person)

    page = page_text(client, "/family/")

    assert "Signed in as <strong>Lily Brown</strong>, Young person" in page
    assert "Parent or carer" not in page


def test_a_family_account_linked_to_no_child_is_a_family_member(parent):
    assert parent.memberships.get().role_label == "Family member"
