"""Every page and API operation that names a case opens it through the one door
(`access.get_visible_case_or_404`): each writes exactly one access-log row, with its purpose, for
someone allowed to open it. The routes come from the resolver, so a new one must be added to
`PURPOSES` (and so decided) the day it is written. Nothing but the access module writes access-log
rows."""

from __future__ import annotations

import pathlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver

import sendtrack
from sendtrack.casework.access import Purpose
from sendtrack.casework.models import AccessLog, CaseDocument
from sendtrack.portal.models import Survey
from tests.core.test_every_page_needs_sign_in import _walk
from tests.trust.casework_cast import *  # noqa: F403

PURPOSES = {
    "casework:person": Purpose.VIEWED_RECORD,
    "casework:access-log": Purpose.VIEWED_ACCESS_LOG,
    "casework:subject-access": Purpose.VIEWED_SUBJECT_ACCESS,
    "casework:edit-details": Purpose.OPENED_DETAILS_FORM,
    "casework:record-event": Purpose.OPENED_EVENT_FORM,
    "casework:correct-event": Purpose.OPENED_CORRECTION_FORM,
    "portal:family-case": Purpose.FAMILY_VIEWED,
    "portal:respond-to-draft": Purpose.FAMILY_VIEWED,
    "portal:draft-response-sent": Purpose.FAMILY_VIEWED,
    "portal:draft-plan-document": Purpose.FAMILY_DOWNLOADED_DRAFT,
    "portal:answer-survey": Purpose.FAMILY_VIEWED,
    "portal:family-access": Purpose.FAMILY_ACCESS_VIEWED,
    "portal:invite-family-member": Purpose.FAMILY_ACCESS_VIEWED,
    "api:case_timeline": Purpose.VIEWED_TIMELINE,
    "api:record_event": Purpose.RECORDED_EVENT,
    "api:family_timeline_api": Purpose.FAMILY_VIEWED,
    "portal:family-plan": Purpose.FAMILY_VIEWED_PLAN,
    "portal:family-plan-pdf": Purpose.FAMILY_DOWNLOADED_PLAN,
    "ehcplan:download-pdf": Purpose.VIEWED_EHC_PLAN,
    "ehcplan:plan": Purpose.VIEWED_EHC_PLAN,
    "ehcplan:start": Purpose.EDITED_EHC_PLAN,
    "ehcplan:edit-section": Purpose.EDITED_EHC_PLAN,
    "ehcplan:add": Purpose.EDITED_EHC_PLAN,
    "ehcplan:advice-emails": Purpose.EDITED_EHC_PLAN,
    "ehcplan:check": Purpose.EDITED_EHC_PLAN,
    "ehcplan:issue": Purpose.EDITED_EHC_PLAN,
    "ehcplan:confirm": Purpose.VIEWED_EHC_PLAN,
    "ehcplan:download": Purpose.VIEWED_EHC_PLAN,
    "casework:history": Purpose.VIEWED_HISTORY,
    "ehcplan:compare": Purpose.VIEWED_EHC_PLAN,
    "ehcplan:import": Purpose.EDITED_EHC_PLAN,
    "documents:list": Purpose.VIEWED_DOCUMENTS,
    "documents:upload": Purpose.OPENED_DOCUMENT_FORM,
    "documents:change": Purpose.OPENED_DOCUMENT_FORM,
    "documents:download": Purpose.DOCUMENT_DOWNLOAD,
    "portal:family-document": Purpose.FAMILY_DOWNLOADED_DOCUMENT,
}
# Who opens each kind of route: the family pages are the parent's, administration the manager's.
OPENED_BY = {"casework:access-log": "manager", "casework:subject-access": "manager"}
# Routes that answer only POST, with what is posted (JSON for the API, a form otherwise).
POSTED = {
    "api:record_event": {"type": "advice_received", "date": "2026-03-12", "from": "health"},
    "ehcplan:start": {},
    "ehcplan:check": {},
}
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
WRITES_A_ROW = re.compile(r"(?<!class )AccessLog(\.objects\.(create|bulk_create|get_or_create)\b|\()")
FAMILY_ROUTES = (
    "portal:family-case",
    "portal:family-plan",
    "portal:respond",
    "portal:draft",
    "portal:answer",
    "portal:family-document",
    "api:family",
)


def case_routes():
    for route, name in _walk(get_resolver()):
        if "case_ref" in {m.group(2) for m in PARAMETER.finditer(route)}:
            yield route, name


ROUTES = list(case_routes())


def opener(name: str) -> str:
    if name in OPENED_BY:
        return OPENED_BY[name]
    return "parent" if name.startswith(FAMILY_ROUTES) else "caseworker"


def test_every_route_that_names_a_case_has_a_purpose():
    assert {name for _, name in ROUTES} == set(PURPOSES)


@pytest.fixture
def shared_document(child_case, caseworker, settings, tmp_path) -> CaseDocument:
    settings.MEDIA_ROOT = tmp_path
    return CaseDocument.objects.create(
        case=child_case,
        kind=CaseDocument.Kind.DECISION_LETTER,
        file=SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter"),
        title="Decision letter",
        content_type="application/pdf",
        shared_with_family=True,
        uploaded_by=caseworker,
    )


@pytest.mark.parametrize(("route", "name"), ROUTES, ids=[name for _, name in ROUTES])
def test_opening_a_case_writes_exactly_one_row_with_its_purpose(
    request, client, area, child_case, family_link, shared_document, route, name
):
    survey = Survey.objects.create(local_area=area, title="How did we do?", is_open=True)
    values = {
        "case_ref": child_case.case_ref,
        "event_type": "advice_received",
        "event_id": str(child_case.events.order_by("pk").first().pk),
        "survey_id": str(survey.pk),
        "code": "F",
        "part": "outcome",
        "confirmation_id": "1",
        "number": "1",
        "document_id": str(shared_document.pk),
    }
    url = "/" + PARAMETER.sub(lambda m: values[m.group(2)], route)
    user = request.getfixturevalue(opener(name))
    client.force_login(user)
    if name.startswith("api:") and name in POSTED:
        response = client.post(url, POSTED[name], content_type="application/json")
    elif name in POSTED:
        response = client.post(url, POSTED[name])
    else:
        response = client.get(url)
    assert response.status_code not in {403, 500, 503}, (url, response.status_code)
    rows = list(AccessLog.objects.filter(case=child_case).values_list("actor", "action", "path"))
    assert rows == [(user.pk, PURPOSES[name].value, url)]


def test_only_the_access_module_writes_access_log_rows():
    source = pathlib.Path(sendtrack.__file__).parent
    writers = [
        path.relative_to(source)
        for path in source.rglob("*.py")
        if "migrations" not in path.parts and WRITES_A_ROW.search(path.read_text())
    ]
    assert writers == [pathlib.Path("casework/access.py")]
