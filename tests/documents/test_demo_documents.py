"""The demo area's featured cases carry a few small, real PDF documents, linked to their events;
letters and plans are shared with the family."""

from __future__ import annotations

import io

from django.core.management import call_command
from pypdf import PdfReader

from sendtrack.casework.models import CaseDocument, FamilyLink
from sendtrack.demo.documents import tiny_pdf
from sendtrack.documents.files import PDF, check_file


def test_the_tiny_pdf_is_a_pdf_that_reads_back_its_lines():
    content = tiny_pdf(["Final plan for Ava (Smith)", "Case LA999-000001, 5 January 2026"])

    assert check_file(io.BytesIO(content), name="plan.pdf", size=len(content)) is PDF
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "Final plan for Ava (Smith)" in text and "5 January 2026" in text


def test_the_demo_gives_its_featured_cases_documents_the_family_can_see(db, settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()

    call_command("demo_data", children=40, seed=1, stdout=out)

    documents = list(CaseDocument.objects.select_related("event", "case"))
    assert documents and f"{len(documents)} documents." in out.getvalue()
    assert all(d.event is not None and d.date == d.event.date for d in documents)
    assert {d.kind for d in documents} >= {"advice", "decision_letter"}
    assert all(d.shared_with_family == (d.kind != "advice" and d.kind != "review") for d in documents)
    first = documents[0]
    assert PdfReader(first.file.open("rb")).pages[0].extract_text().startswith(first.title)
    link = FamilyLink.objects.filter(relationship="parent").select_related("user").first()
    shared = [d for d in documents if d.case.person_id == link.person_id and d.shared_with_family]
    assert shared
    client.force_login(link.user)
    page = client.get(f"/family/{shared[0].case.case_ref}/").content.decode()
    assert f"/family/{shared[0].case.case_ref}/documents/{shared[0].pk}/" in page

    call_command("demo_data", children=40, seed=1, stdout=io.StringIO())
    assert CaseDocument.objects.count() == len(documents)
