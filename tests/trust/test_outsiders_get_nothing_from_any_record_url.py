"""Every URL that names a case, plan or area record, visited by everyone outside it, gives 404 or
the sign-in page, never the record. The URLs come from the resolver, so a new page is covered the
day it is added."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver

from sendtrack.accounts.public import public_url_names
from sendtrack.casework.models import CaseDocument, FamilyLink
from sendtrack.improvement.models import (
    Finding,
    FindingKind,
    Inspection,
    InspectionFramework,
    Measure,
    Meeting,
)
from sendtrack.performance.kpis import KPIS
from sendtrack.portal.models import Survey
from tests.core.test_every_page_needs_sign_in import _walk
from tests.improvement.conftest import board, meeting, plan  # noqa: F401
from tests.trust.casework_cast import *  # noqa: F403

# Parameters that name a record someone may or may not be allowed to see.
CASE_PARAMETERS = {"case_ref", "person_id", "person_ref", "document_id", "event_id"}
PLAN_PARAMETERS = {"plan_id"}
AREA_PARAMETERS = {"area_code"}
RECORD_PARAMETERS = CASE_PARAMETERS | PLAN_PARAMETERS | AREA_PARAMETERS

# Outsiders to a case: another area's caseworker, a professional whose organisation is not involved,
# another school's SENCO, another child's parent, and an anonymous visitor.
CASE_OUTSIDERS = ["caseworker_elsewhere", "health_advisor", "other_senco", "other_parent", "anonymous"]
# Improvement plans and area figures are the partnership's: every member of staff of the area may
# see its plans, so for plans the outsiders are another area's staff, parents and anonymous visitors.
PLAN_OUTSIDERS = ["caseworker_elsewhere", "other_parent", "anonymous"]
# Area figures are for reporting roles only.
AREA_OUTSIDERS = ["caseworker_elsewhere", "health_advisor", "other_senco", "other_parent", "anonymous"]

API_BODY = {"type": "draft_plan_issued", "date": "2026-03-01", "status": "on_track", "note": "x"}
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
# Ben Clarke's record (NB-0002): nothing of it may appear in an outsider's response.
SECRETS = ("Clarke", "P0002", "2014-02-02", "2 February 2014")


def record_routes():
    public = public_url_names()
    for route, name in _walk(get_resolver()):
        # improvement lists its public names without the namespace
        if route.startswith("admin/") or name in public or (name or "").split(":")[-1] in public:
            continue
        names = {m.group(2) for m in PARAMETER.finditer(route)}
        if names & RECORD_PARAMETERS:
            yield route, name, names


ROUTES = list(record_routes())


def outsiders_for(names):
    if names & CASE_PARAMETERS:
        return CASE_OUTSIDERS
    if names & PLAN_PARAMETERS:
        return PLAN_OUTSIDERS
    return AREA_OUTSIDERS


@pytest.fixture
def records(area, uninvolved_case, parent, caseworker, plan, meeting, settings, tmp_path):  # noqa: F811
    FamilyLink.objects.create(
        person=uninvolved_case.person, user=parent, relationship="parent", granted_by=caseworker
    )
    settings.MEDIA_ROOT = tmp_path
    document = CaseDocument.objects.create(
        case=uninvolved_case,
        kind=CaseDocument.Kind.DECISION_LETTER,
        file=SimpleUploadedFile("letter.pdf", b"%PDF-1.4 Dear Ms Clarke, about Ben Clarke (P0002)"),
        title="Letter to Ms Clarke",
        content_type="application/pdf",
        shared_with_family=True,
    )
    inspection = Inspection.objects.create(
        local_area=area, framework=InspectionFramework.values[0], started_on="2026-01-05"
    )
    finding = Finding.objects.create(
        local_area=area, inspection=inspection, kind=FindingKind.values[0], text="A finding"
    )
    measure = Measure.objects.filter(plan=plan).first()
    survey = Survey.objects.create(local_area=area, title="How did we do?")
    return {
        "case_ref": uninvolved_case.case_ref,
        "event_id": str(uninvolved_case.events.first().pk),
        "event_type": "advice_received",
        "plan_id": str(plan.pk),
        "meeting_id": str(Meeting.objects.filter(board__local_area=area).first().pk),
        "inspection_id": str(inspection.pk),
        "finding_id": str(finding.pk),
        "measure_id": str(measure.pk if measure else 1),
        "ref": plan.actions.first().ref,
        "survey_id": str(survey.pk),
        "area_code": area.code,
        "kpi_id": KPIS[0].id,
        "document_id": str(document.pk),
    }


def concrete(route: str, values: dict[str, str]) -> str:
    return "/" + PARAMETER.sub(lambda m: values.get(m.group(2), "1"), route)


def test_the_walker_finds_case_plan_and_area_urls():
    names = {name for _, name, _ in ROUTES}
    assert {"casework:person", "api:case_timeline", "portal:family-case", "improvement:plan"} <= names
    assert "performance:kpi-cases" in names


@pytest.mark.parametrize(("route", "name", "names"), ROUTES, ids=[r[1] for r in ROUTES])
def test_no_outsider_gets_the_record(request, client, records, route, name, names):
    url = concrete(route, records)
    for who in outsiders_for(names):
        client.logout()
        if who != "anonymous":
            client.force_login(request.getfixturevalue(who))
        for method in ("get", "post"):
            if method == "post" and url.startswith("/api/"):
                response = client.post(url, API_BODY, content_type="application/json")
            else:
                response = getattr(client, method)(url)
            status = response.status_code
            where = f"{method.upper()} {url} as {who}: {status}"
            if status == 302:
                assert response["Location"].startswith("/account/sign-in/"), where
            elif url.startswith("/api/"):
                # 422: the body was refused before any record was looked up, so it says nothing.
                assert status in {401, 404, 405, 422}, where
            else:
                assert status in {404, 405}, where
            body = b"".join(response.streaming_content) if response.streaming else response.content
            for secret in SECRETS:
                assert secret.encode() not in body, where
