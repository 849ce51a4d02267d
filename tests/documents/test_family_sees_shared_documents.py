"""The family sees, on their own pages, the documents the council shared with them, and nothing else;
each download is written to the access log."""

from __future__ import annotations

import html

from django.urls import reverse

from sendtrack.casework.access import Purpose
from sendtrack.casework.models import AccessLog
from tests.documents.conftest import PDF


def family_url(case, document=None):
    if document is None:
        return reverse("portal:family-case", args=[case.case_ref])
    return reverse("portal:family-document", args=[case.case_ref, document.pk])


def test_the_parent_sees_and_downloads_only_the_shared_document(
    client, child_case, family_link, parent, advice_document, shared_document
):
    client.force_login(parent)

    page = html.unescape(client.get(family_url(child_case)).content.decode())
    response = client.get(family_url(child_case, shared_document))

    assert "Documents the council has shared with you" in page
    assert "Letter: we will assess" in page and "dated 10 February 2026" in page
    assert "Paediatric report by Dr Rees" not in page and family_url(child_case, advice_document) not in page
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="decision-letter.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(family_url(child_case, advice_document)).status_code == 404
    actions = list(AccessLog.objects.filter(actor=parent).order_by("pk").values_list("action", flat=True))
    assert actions == [
        Purpose.FAMILY_VIEWED.value,
        Purpose.FAMILY_DOWNLOADED_DOCUMENT.value,
        Purpose.FAMILY_DOWNLOADED_DOCUMENT.value,
    ]


def test_without_shared_documents_the_family_page_has_no_documents_section(
    client, child_case, family_link, parent, advice_document
):
    client.force_login(parent)
    page = client.get(family_url(child_case)).content.decode()
    assert "Documents the council has shared with you" not in page


def test_another_parent_and_staff_cannot_use_the_family_download(
    client, child_case, family_link, other_parent, caseworker, shared_document
):
    for user in (other_parent, caseworker):
        client.force_login(user)
        assert client.get(family_url(child_case, shared_document)).status_code == 404
