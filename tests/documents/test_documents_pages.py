"""The documents on a child's record: who lists, adds, changes and downloads them, and what each
look and download leaves in the access log."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from sendtrack.casework.access import Purpose
from sendtrack.casework.models import AccessLog, CaseDocument
from sendtrack.core.models import AuditEvent, AuditVerb
from tests.documents.conftest import EICAR, PDF, docx_bytes, upload


def url(name, case, *args):
    return reverse(f"documents:{name}", args=[case.case_ref, *args])


def form(**fields):
    data = {"kind": "advice", "agency": "educational_psychology", "title": "", "date": "2026-03-12"}
    data.update(fields)
    return data


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("who", ["caseworker", "manager", "health_advisor", "dco", "senco"])
def test_staff_who_see_the_case_list_its_documents_and_download_them(
    request, client, who, child_case, advice_document
):
    user = request.getfixturevalue(who)
    client.force_login(user)

    page = text(client.get(url("list", child_case)))
    response = client.get(url("download", child_case, advice_document.pk))

    assert "Paediatric report by Dr Rees" in page and "Advice from health" in page and "2 March 2026" in page
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="health-advice.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    rows = list(
        AccessLog.objects.filter(case=child_case, actor=user).order_by("pk").values_list("action", "path")
    )
    assert rows == [
        (Purpose.VIEWED_DOCUMENTS.value, url("list", child_case)),
        (Purpose.DOCUMENT_DOWNLOAD.value, url("download", child_case, advice_document.pk)),
    ]


@pytest.mark.parametrize("who", ["health_advisor", "senco"])
def test_partners_may_not_add_or_change_documents(request, client, who, child_case, advice_document):
    client.force_login(request.getfixturevalue(who))

    page = text(client.get(url("list", child_case)))

    assert "Add a document" not in page and "Change" not in page
    assert client.get(url("upload", child_case)).status_code == 403
    assert client.post(url("upload", child_case), {**form(), "file": upload()}).status_code == 403
    assert (
        client.post(url("change", child_case, advice_document.pk), form(shared_with_family="on")).status_code
        == 403
    )
    assert CaseDocument.objects.count() == 1 and not CaseDocument.objects.get().shared_with_family


@pytest.mark.parametrize("who", ["caseworker_elsewhere", "other_senco", "other_parent", "administrator"])
def test_people_outside_the_case_get_nothing_from_the_record_pages(
    request, client, who, child_case, family_link, advice_document
):
    client.force_login(request.getfixturevalue(who))
    for page in (
        url("list", child_case),
        url("upload", child_case),
        url("download", child_case, advice_document.pk),
        url("change", child_case, advice_document.pk),
    ):
        assert client.get(page).status_code == 404, page


def test_the_family_does_not_reach_the_staff_list_or_an_unshared_document(
    client, child_case, family_link, parent, advice_document
):
    client.force_login(parent)
    assert client.get(url("list", child_case)).status_code == 404
    assert client.get(url("download", child_case, advice_document.pk)).status_code == 404
    # The family can see the record, so the forms answer "not yours to change".
    assert client.get(url("upload", child_case)).status_code == 403
    assert client.get(url("change", child_case, advice_document.pk)).status_code == 403


def test_the_person_page_links_to_the_documents_for_staff_but_not_for_the_family(
    client, child_case, family_link, caseworker, parent
):
    client.force_login(caseworker)
    assert url("list", child_case) in text(client.get(child_case.get_absolute_url()))
    client.force_login(parent)
    assert url("list", child_case) not in text(client.get(child_case.get_absolute_url()))


def test_a_caseworker_adds_advice_and_sees_it_listed_and_audited(client, child_case, caseworker):
    client.force_login(caseworker)

    content = docx_bytes()
    response = client.post(
        url("upload", child_case),
        {**form(title="EP advice from Dr Patel"), "file": upload("ep-advice.docx", content)},
    )

    assert response.status_code == 302 and response["Location"] == url("list", child_case)
    document = CaseDocument.objects.get()
    assert (document.kind, document.agency, document.title, str(document.date)) == (
        "advice",
        "educational_psychology",
        "EP advice from Dr Patel",
        "2026-03-12",
    )
    assert document.content_type.endswith("wordprocessingml.document")
    assert document.uploaded_by == caseworker and document.size == len(content)
    assert document.file.name.startswith("case-documents/2026/03/") and "ep-advice" not in document.file.name
    audit = AuditEvent.objects.get(verb=AuditVerb.DOCUMENT_UPLOADED)
    assert audit.actor == caseworker and audit.detail["document"] == document.pk
    assert audit.detail["changes"]["title"] == {"before": None, "after": "EP advice from Dr Patel"}
    assert "EP advice from Dr Patel" in text(client.get(url("list", child_case)))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("program.exe", b"MZ\x90\x00", "The file program.exe cannot be kept: it must be a PDF"),
        (
            "letter.pdf",
            b"<html><script>alert(1)</script>",
            "is named as a PDF but its contents are not a PDF",
        ),
        ("eicar.pdf", EICAR, "is named as a PDF but its contents are not a PDF"),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused_with_a_message_and_nothing_is_kept(
    client, child_case, caseworker, media, name, content, message
):
    client.force_login(caseworker)

    response = client.post(url("upload", child_case), {**form(), "file": upload(name, content)})

    assert response.status_code == 200
    assert message in text(response) and "There is a problem" in text(response)
    assert not CaseDocument.objects.exists() and not AuditEvent.objects.filter(
        verb=AuditVerb.DOCUMENT_UPLOADED
    )
    assert not any(p.is_file() for p in media.rglob("*")) if media.exists() else True


def test_a_file_over_the_limit_is_refused(client, child_case, caseworker, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    client.force_login(caseworker)

    response = client.post(
        url("upload", child_case), {**form(), "file": upload("big.pdf", PDF + b" " * 2048)}
    )

    assert "The file big.pdf is 2 KB: it must be 1 KB or smaller" in text(response)
    assert "of 1 KB or less" in text(client.get(url("upload", child_case)))
    assert not CaseDocument.objects.exists()


def test_missing_answers_are_named(client, child_case, caseworker):
    client.force_login(caseworker)

    page = text(client.post(url("upload", child_case), {"agency": "", "date": ""}))

    for message in ("Select the file to upload", "Select the type of document", "Enter the date"):
        assert message in page
    page = text(client.post(url("upload", child_case), {**form(agency=""), "file": upload()}))
    assert "Select who the advice is from" in page
    page = text(client.post(url("upload", child_case), {**form(date="2026-04-01"), "file": upload()}))
    assert "The date of the document must be today or in the past" in page
    assert not CaseDocument.objects.exists()


def test_sharing_a_document_with_the_family_is_a_change_with_its_audit_row(
    client, child_case, caseworker, advice_document
):
    client.force_login(caseworker)

    response = client.post(
        url("change", child_case, advice_document.pk),
        form(
            agency="health", title="Paediatric report by Dr Rees", date="2026-03-02", shared_with_family="on"
        ),
    )

    assert response.status_code == 302
    advice_document.refresh_from_db()
    assert advice_document.shared_with_family
    audit = AuditEvent.objects.get(verb=AuditVerb.DOCUMENT_CHANGED)
    assert audit.detail["changes"] == {"shared_with_family": {"before": False, "after": True}}
    assert "Shared" in text(client.get(url("list", child_case)))


def test_a_document_of_another_case_is_not_found_through_this_one(
    client, child_case, uninvolved_case, caseworker, advice_document
):
    client.force_login(caseworker)
    assert client.get(url("download", uninvolved_case, advice_document.pk)).status_code == 404
    assert client.get(url("change", uninvolved_case, advice_document.pk)).status_code == 404


def test_a_deleted_document_takes_its_file_with_it_once_the_deletion_commits(
    advice_document, media, django_capture_on_commit_callbacks
):
    stored = media / advice_document.file.name
    assert stored.is_file()

    with django_capture_on_commit_callbacks(execute=True):
        CaseDocument.objects.filter(pk=advice_document.pk).delete()

    assert not stored.exists()
