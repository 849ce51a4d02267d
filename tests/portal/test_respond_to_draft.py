from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendtrack.casework.models import CaseDocument, CaseEvent
from sendtrack.portal import forms
from sendtrack.portal.models import DraftResponse


@pytest.fixture
def draft_document(draft_case, caseworker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return CaseDocument.objects.create(
        case=draft_case,
        kind=CaseDocument.Kind.DRAFT_PLAN,
        file=SimpleUploadedFile("draft-plan.pdf", b"%PDF-1.4 draft"),
        title="Draft EHC plan",
        uploaded_by=caseworker,
        event=CaseEvent.objects.get(case=draft_case, type="draft_plan_issued"),
    )


def respond_url(case):
    return reverse("portal:respond-to-draft", args=[case.case_ref])


def test_the_parent_sees_the_draft_and_the_end_of_their_15_days(
    client, parent, draft_case, draft_link, draft_document
):
    client.force_login(parent)

    timeline = html.unescape(
        client.get(reverse("portal:family-case", args=[draft_case.case_ref])).content.decode()
    )
    page = html.unescape(client.get(respond_url(draft_case)).content.decode())

    assert "sent you a draft plan on 9 March 2026. Tell them what you think by 24 March 2026." in timeline
    assert "You have until <strong>24 March 2026</strong>" in page
    assert "Download the draft plan" in page
    download = client.get(reverse("portal:draft-plan-document", args=[draft_case.case_ref]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 draft"


def test_the_parent_sends_views_and_a_preferred_school_and_the_caseworker_sees_them(
    client, parent, caseworker, draft_case, draft_link, draft_document
):
    client.force_login(parent)
    response = client.post(
        respond_url(draft_case),
        {"views": "Section F does not mention speech therapy.", "preferred_setting": "Riverside Academy"},
    )

    assert response.status_code == 302
    stored = DraftResponse.objects.get()
    assert stored.document == draft_document and stored.draft_issued_on.isoformat() == "2026-03-09"

    client.force_login(caseworker)
    panel = html.unescape(
        client.get(reverse("portal:family-access", args=[draft_case.case_ref])).content.decode()
    )
    assert "Section F does not mention speech therapy." in panel
    assert "Riverside Academy" in panel


def test_views_are_required(client, parent, draft_case, draft_link):
    client.force_login(parent)
    response = client.post(respond_url(draft_case), {"views": "", "preferred_setting": ""})

    assert response.status_code == 200
    assert forms.MISSING_VIEWS in html.unescape(response.content.decode())
    assert not DraftResponse.objects.exists()


@pytest.mark.parametrize("who", ["other_parent", "caseworker_elsewhere"])
def test_nobody_else_reaches_the_draft_by_changing_the_url(
    client, request, draft_case, draft_link, draft_document, who
):
    client.force_login(request.getfixturevalue(who))

    assert client.get(respond_url(draft_case)).status_code == 404
    assert client.post(respond_url(draft_case), {"views": "x"}).status_code == 404
    assert client.get(reverse("portal:draft-plan-document", args=[draft_case.case_ref])).status_code == 404
    assert not DraftResponse.objects.exists()


def test_there_is_nothing_to_respond_to_without_a_draft(client, parent, child_case, family_link):
    client.force_login(parent)
    assert client.get(respond_url(child_case)).status_code == 404
