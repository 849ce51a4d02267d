"""Writing a plan on its pages: a check fires and is fixed; health confirms; outsiders see nothing."""

from __future__ import annotations

import re

import pytest

from sendtrack.casework.models import AccessLog
from sendtrack.ehcplan.models import AgencyConfirmation, PlanVersion

pytestmark = pytest.mark.django_db

PROVISION = {
    "section": "F",
    "area": "communication_and_interaction",
    "support": "Speech and language therapy to develop understanding of spoken language",
    "who": "Speech and language therapist",
    "ratio": "1:1",
    "how_often": "",
    "how_long": "",
    "needs": "B1",
    "outcomes": "E1",
}


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def writing(client, child_case, caseworker):
    client.force_login(caseworker)
    assert client.post(f"/plans/cases/{child_case.case_ref}/start/").status_code == 302
    client.post(
        f"/plans/cases/{child_case.case_ref}/add/need/",
        {
            "section": "B",
            "area": "communication_and_interaction",
            "text": "Lily understands about half of what is said in class.",
        },
    )
    client.post(
        f"/plans/cases/{child_case.case_ref}/add/outcome/",
        {
            "area": "communication_and_interaction",
            "needs": "B1",
            "text": "By July 2027, Lily will follow a two-step instruction in 4 out of 5 lessons.",
        },
    )
    return child_case


def test_the_check_fires_as_the_provision_is_written_and_goes_when_fixed(client, writing):
    url = f"/plans/cases/{writing.case_ref}/check/provision/"
    fired = client.post(url, PROVISION)
    assert "does not say how often or how long" in text(fired)
    fixed = client.post(url, {**PROVISION, "how_often": "Once a week", "how_long": "45 minutes"})
    assert "No check has found anything to change in this part" in text(fixed)
    assert PlanVersion.objects.get().plan().provisions == []  # checking saves nothing

    client.post(
        f"/plans/cases/{writing.case_ref}/add/provision/",
        {**PROVISION, "how_often": "Once a week", "how_long": "45 minutes"},
    )
    plan = PlanVersion.objects.get().plan()
    assert [(p.ref, p.how_often) for p in plan.provisions] == [("F1", "Once a week")]
    page = text(client.get(f"/plans/cases/{writing.case_ref}/"))
    assert "Section F: Special educational provision" in page
    assert "Provision F1" not in page  # nothing to flag about F1 now


def test_bad_references_are_refused_with_a_message(client, writing):
    response = client.post(f"/plans/cases/{writing.case_ref}/add/provision/", {**PROVISION, "needs": "lots"})
    assert response.status_code == 400
    assert "Enter the needs as references like B1, C2" in text(response)


def test_issuing_the_draft_asks_health_who_confirms(client, writing, health_advisor):
    response = client.post(f"/plans/cases/{writing.case_ref}/issue/", {"kind": "draft", "on": "2026-03-16"})
    assert response.status_code == 302
    version = PlanVersion.objects.get()
    assert version.event.type == "draft_plan_issued"
    health = AgencyConfirmation.objects.get(version=version, agency="health")
    client.force_login(health_advisor)
    page = text(client.get(f"/plans/cases/{writing.case_ref}/"))
    assert "Confirm the health sections" in page
    assert (
        client.post(f"/plans/cases/{writing.case_ref}/confirm/{health.pk}/", {"corrections": ""}).status_code
        == 302
    )
    health.refresh_from_db()
    assert health.confirmed_on is not None and health.confirmed_by == health_advisor
    assert AccessLog.objects.filter(actor=health_advisor, case=writing).exists()


def test_outsiders_get_404_and_readers_cannot_write(client, writing, caseworker_elsewhere, health_advisor):
    client.force_login(caseworker_elsewhere)
    assert client.get(f"/plans/cases/{writing.case_ref}/").status_code == 404
    assert client.post(f"/plans/cases/{writing.case_ref}/check/provision/", PROVISION).status_code == 404
    client.force_login(health_advisor)
    assert client.get(f"/plans/cases/{writing.case_ref}/").status_code == 200
    assert client.post(f"/plans/cases/{writing.case_ref}/add/need/", {}).status_code == 403


def test_a_version_downloads_as_word(client, writing):
    response = client.get(f"/plans/cases/{writing.case_ref}/versions/1.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    assert response.content[:2] == b"PK"


def test_the_family_reads_the_issued_plan_but_not_one_being_written(client, writing, parent, family_link):
    client.force_login(parent)
    assert client.get(f"/family/{writing.case_ref}/plan/").status_code == 404
    version = PlanVersion.objects.get()
    version.issued_on = version.case.person.date_of_birth  # any date: issued
    version.save()
    page = text(client.get(f"/family/{writing.case_ref}/plan/"))
    assert "Section B: Special educational needs" in page
    assert "Lily understands about half of what is said in class." in page
    assert "check" not in page.lower().split("section a")[1]  # families see the plan, not the checks
    assert "section by section" in text(client.get(f"/family/{writing.case_ref}/"))


def test_the_quality_page_counts_plans_by_check_and_filters(
    client, writing, caseworker, caseworker_elsewhere
):
    page = text(client.get("/plans/quality/"))
    assert "1 plan written in sendtrack" in page
    assert "A section is missing" in page
    filtered = text(client.get("/plans/quality/?check=provision_not_quantified"))
    assert "Plans where “Provision is not quantified” found something (0)" in filtered
    client.force_login(caseworker_elsewhere)
    assert "Lily" not in text(client.get("/plans/quality/"))


def test_a_word_plan_is_brought_in_and_what_changed_is_shown(client, child_case, caseworker):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sendtrack.ehcplan.word import write_docx
    from tests.ehcplan.plans import good_plan, unquantified_therapy_plan

    client.force_login(caseworker)
    bad = client.post(
        f"/plans/cases/{child_case.case_ref}/import/", {"plan": SimpleUploadedFile("notes.txt", b"hello")}
    )
    assert bad.status_code == 400 and "Choose a Word (.docx) file" in text(bad)
    assert not PlanVersion.objects.exists()
    word = SimpleUploadedFile("aisha.docx", write_docx(good_plan()))
    page = text(client.post(f"/plans/cases/{child_case.case_ref}/import/", {"plan": word}))
    assert "Not understood (0)" in page
    assert PlanVersion.objects.get().plan().provisions == good_plan().in_area_order().provisions

    version = PlanVersion.objects.get()
    version.issued_on = version.created_at.date()
    version.save()
    client.post(f"/plans/cases/{child_case.case_ref}/start/")
    newer = PlanVersion.objects.get(number=2)
    from sendtrack.ehcplan.services import save_plan

    save_plan(version=newer, by=caseworker, plan=unquantified_therapy_plan(), reason="Therapy hours to agree")
    compare = text(client.get(f"/plans/cases/{child_case.case_ref}/compare/?from=1&to=2"))
    assert "Provision F1 changed" in compare
    assert "Once a week in term time" in compare
    assert client.get(f"/plans/cases/{child_case.case_ref}/compare/?from=1&to=9").status_code == 404


def pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_a_version_downloads_as_a_pdf_with_every_section_and_the_provision_rows(client, writing):
    from sendtrack.ehcplan.structure import SECTIONS

    client.post(
        f"/plans/cases/{writing.case_ref}/add/provision/",
        {**PROVISION, "how_often": "Once a week", "how_long": "45 minutes"},
    )
    response = client.get(f"/plans/cases/{writing.case_ref}/versions/1.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('-1.pdf"')
    words = pdf_text(response.content)
    for code, title in SECTIONS.items():
        assert f"Section {code}: {title.split()[0]}" in words, code
    assert "Speech and language therapy to develop understanding" in words
    assert "F1" in words and "Once a week" in words and "45 minutes" in words
    assert "Lily understands about half of what is said in class." in words
    assert "Download this version (PDF)" in text(client.get(f"/plans/cases/{writing.case_ref}/"))


def test_the_family_downloads_the_issued_plan_as_a_pdf(client, writing, parent, family_link):
    client.force_login(parent)
    assert client.get(f"/family/{writing.case_ref}/plan.pdf").status_code == 404  # nothing issued yet
    version = PlanVersion.objects.get()
    version.issued_on = version.case.person.date_of_birth
    version.save()
    assert "Download the plan as a PDF" in text(client.get(f"/family/{writing.case_ref}/plan/"))
    response = client.get(f"/family/{writing.case_ref}/plan.pdf")
    assert response.status_code == 200
    words = pdf_text(response.content)
    assert "Section B: Special educational needs" in words
    assert "Lily understands about half of what is said in class." in words
    assert "check" not in words.lower()  # the family's copy carries no checks
