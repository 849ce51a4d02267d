"""Subject access: `sendtrack export-person REF` and the page give everything held about a person."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from sendtrack.casework.models import AccessLog, Involvement
from sendtrack.core.models import LegalHold
from sendtrack.core.subject_access import INCLUDED, PERSON_RELATIONS
from sendtrack.portal.models import FamilyInvitation
from tests.trust.casework_cast import *  # noqa: F403


@pytest.fixture
def full_record(child_case, family_link, caseworker, health_trust, manager):
    AccessLog.objects.create(
        actor=caseworker, case=child_case, person=child_case.person, action="viewed record"
    )
    Involvement.objects.create(case=child_case, organisation=health_trust, reason="Physiotherapy")
    FamilyInvitation.objects.create(
        person=child_case.person,
        email="gran@example.org",
        full_name="Rose Brown",
        relationship="carer",
        invited_by=caseworker,
    )
    LegalHold.objects.create(person=child_case.person, reason="Tribunal appeal pending", placed_by=manager)
    return child_case


def test_export_person_writes_every_section_with_the_persons_rows(full_record, tmp_path):
    out = io.StringIO()
    pdf = tmp_path / "lily.pdf"
    call_command(
        "export_person", "P0001", "--area", "999", "--pdf", str(pdf), stdout=out, stderr=io.StringIO()
    )
    record = json.loads(out.getvalue())
    assert record["person"]["given_name"] == "Lily"
    assert {r.section for r in PERSON_RELATIONS.values() if r.subject_access == INCLUDED} <= set(record)
    assert "Audit key" not in record  # a key, not something about the person
    assert [c["case_ref"] for c in record["Cases"]] == ["NB-0001"]
    assert len(record["Events"]) == 5
    assert record["Milestones"] and record["Family links"] and record["Access log"]
    assert record["Involvements"][0]["reason"] == "Physiotherapy"
    assert record["Family invitations"][0]["full_name"] == "Rose Brown"
    assert record["Legal holds"][0]["reason"] == "Tribunal appeal pending"
    assert pdf.read_bytes().startswith(b"%PDF")


def test_export_person_finds_a_person_by_case_reference(full_record):
    out = io.StringIO()
    call_command("export_person", "NB-0001", "--area", "999", stdout=out, stderr=io.StringIO())
    assert json.loads(out.getvalue())["person"]["family_name"] == "Brown"


def test_the_page_gives_json_and_pdf_to_the_areas_manager_and_logs_each(client, manager, full_record):
    client.force_login(manager)
    url = reverse("casework:subject-access", args=["NB-0001"])
    page = client.get(url)
    assert page.status_code == 200 and "Download as PDF" in page.content.decode()
    before = AccessLog.objects.count()
    as_json = client.get(url + "?format=json")
    assert as_json.status_code == 200 and json.loads(as_json.content)["person"]["given_name"] == "Lily"
    as_pdf = client.get(url + "?format=pdf")
    assert as_pdf.status_code == 200 and as_pdf.content.startswith(b"%PDF")
    assert AccessLog.objects.count() == before + 2


@pytest.mark.parametrize("who", ["caseworker_elsewhere", "health_advisor", "parent", "read_only_officer"])
def test_nobody_else_gets_the_subject_access_page(request, client, full_record, who):
    client.force_login(request.getfixturevalue(who))
    for suffix in ("", "?format=json", "?format=pdf"):
        response = client.get(reverse("casework:subject-access", args=["NB-0001"]) + suffix)
        assert response.status_code == 404
        assert b"Lily" not in response.content
