"""Recording an inspection, its letter, its findings and revisit judgements, and linking a plan to it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.improvement.form_fields import WRONG_DOCUMENT_TYPE
from sendtrack.improvement.inspection_forms import (
    INSPECTION_ENDED,
    INSPECTION_STARTED,
    MISSING_FINDING_TEXT,
    MISSING_FRAMEWORK,
    MISSING_REVISIT_JUDGEMENT,
)
from sendtrack.improvement.models import Finding, FindingKind, Inspection, RevisitJudgement
from tests.improvement.conftest import date_parts


@pytest.fixture(autouse=True)
def on_the_day():
    with time_machine.travel(dt.datetime(2024, 6, 3, 12, tzinfo=dt.UTC)):
        yield


def _inspection_form(**overrides):
    data = {
        "framework": "area_send_2023",
        "visit_kind": "inspection",
        "revisit_of": "",
        **date_parts("started_on", 8, 1, 2024),
        **date_parts("ended_on", 12, 1, 2024),
        **date_parts("letter_published_on", 4, 3, 2024),
        **date_parts("next_visit_from", "", "", ""),
        **date_parts("next_visit_by", "", "", ""),
        "outcome": "Inconsistent experiences and outcomes",
        "letter_url": "",
    }
    data.update(overrides)
    return data


def test_a_manager_records_an_inspection_with_its_letter(client, plan, manager):
    client.force_login(manager)
    letter = SimpleUploadedFile("northbridge-letter.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    response = client.post(
        f"/improvement/{plan.pk}/record-inspection/", {**_inspection_form(), "letter_file": letter}
    )

    assert response.status_code == 302 and response["Location"] == f"/improvement/{plan.pk}/readiness/"
    inspection = Inspection.objects.get()
    assert (inspection.local_area, inspection.started_on, inspection.ended_on) == (
        plan.local_area,
        dt.date(2024, 1, 8),
        dt.date(2024, 1, 12),
    )
    assert inspection.letter_file.read() == b"%PDF-1.4 letter"
    event = AuditEvent.objects.get(verb=AuditVerb.INSPECTION_RECORDED)
    assert (event.actor, event.subject_id, event.detail["letter"]) == (manager, str(inspection.pk), True)


def test_the_letter_is_downloaded_by_staff_who_see_the_plan(
    client, plan, manager, read_only_officer, caseworker_elsewhere
):
    client.force_login(manager)
    letter = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    client.post(f"/improvement/{plan.pk}/record-inspection/", {**_inspection_form(), "letter_file": letter})
    inspection = Inspection.objects.get()
    url = f"/improvement/{plan.pk}/inspections/{inspection.pk}/letter/"

    client.force_login(read_only_officer)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 letter"
    client.force_login(caseworker_elsewhere)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (date_parts("started_on", "", "", ""), "started_on", INSPECTION_STARTED.missing),
        (date_parts("started_on", 8, "", 2024), "started_on", INSPECTION_STARTED.incomplete("month")),
        (date_parts("started_on", "", "", 2024), "started_on", INSPECTION_STARTED.incomplete("day", "month")),
        (date_parts("started_on", 30, 2, 2024), "started_on", INSPECTION_STARTED.invalid),
        (date_parts("started_on", 8, 1, 24), "started_on", INSPECTION_STARTED.invalid),
        (date_parts("started_on", 4, 6, 2024), "started_on", INSPECTION_STARTED.future),
        (date_parts("ended_on", 5, 1, 2024), "ended_on", INSPECTION_ENDED.before("the date it started")),
        ({"framework": ""}, "framework", MISSING_FRAMEWORK),
    ],
)
def test_each_mistake_is_named_and_says_how_to_fix_it(client, plan, manager, overrides, field, message):
    client.force_login(manager)
    response = client.post(f"/improvement/{plan.pk}/record-inspection/", _inspection_form(**overrides))

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    page = response.content.decode()
    assert "There is a problem" in page and page.count(message) == 2  # summary and field
    assert not Inspection.objects.exists()
    assert not AuditEvent.objects.filter(verb=AuditVerb.INSPECTION_RECORDED).exists()


def test_the_error_summary_links_to_the_day_box_of_a_date(client, plan, manager):
    client.force_login(manager)
    response = client.post(
        f"/improvement/{plan.pk}/record-inspection/", _inspection_form(**date_parts("started_on", "", "", ""))
    )
    assert '<a href="#id_started_on_0">' in response.content.decode()
    assert 'id="id_started_on_0" name="started_on_day"' in response.content.decode()


def test_a_letter_must_be_a_document(client, plan, manager):
    client.force_login(manager)
    script = SimpleUploadedFile("letter.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        f"/improvement/{plan.pk}/record-inspection/", {**_inspection_form(), "letter_file": script}
    )
    assert response.context["form"].errors["letter_file"] == [WRONG_DOCUMENT_TYPE]


def test_a_revisit_follows_up_an_earlier_inspection_and_the_plan_is_linked_to_it(
    client, plan, manager, inspection
):
    client.force_login(manager)
    client.post(
        f"/improvement/{plan.pk}/record-inspection/",
        _inspection_form(
            visit_kind="revisit", revisit_of=str(inspection.pk), framework="local_area_send_2016"
        ),
    )
    revisit = Inspection.objects.get(visit_kind="revisit")
    assert revisit.revisit_of == inspection

    response = client.post(f"/improvement/{plan.pk}/link-inspection/", {"inspection": str(inspection.pk)})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.inspection == inspection
    assert (
        AuditEvent.objects.filter(verb=AuditVerb.PLAN_INSPECTION_LINKED, subject_id=str(plan.pk)).count() == 1
    )
    readiness = client.get(f"/improvement/{plan.pk}/readiness/").content.decode()
    assert "from 6 November 2017 to 10 November 2017" in readiness


def test_a_finding_is_recorded_against_the_inspection_and_shows_on_readiness(
    client, plan, manager, inspection
):
    plan.inspection = inspection
    plan.save(update_fields=["inspection"])
    client.force_login(manager)
    url = f"/improvement/{plan.pk}/inspections/{inspection.pk}/record-finding/"

    refused = client.post(url, {"kind": FindingKind.PRIORITY_ACTION, "text": ""})
    assert refused.context["form"].errors["text"] == [MISSING_FINDING_TEXT]

    client.post(
        url, {"kind": FindingKind.PRIORITY_ACTION, "text": "Waiting times for speech and language therapy"}
    )
    finding = Finding.objects.get(text="Waiting times for speech and language therapy")
    assert (finding.inspection, finding.local_area, finding.kind) == (
        inspection,
        plan.local_area,
        "priority_action",
    )
    assert AuditEvent.objects.get(verb=AuditVerb.FINDING_RECORDED).subject_id == str(finding.pk)
    assert finding.text in client.get(f"/improvement/{plan.pk}/readiness/").content.decode()


def test_the_revisit_judgement_is_recorded_on_a_finding(client, plan, manager, finding):
    client.force_login(manager)
    url = f"/improvement/{plan.pk}/findings/{finding.pk}/record-revisit-judgement/"

    assert client.post(url, {"revisit_judgement": ""}).context["form"].errors["revisit_judgement"] == [
        MISSING_REVISIT_JUDGEMENT
    ]
    client.post(url, {"revisit_judgement": RevisitJudgement.SUFFICIENT})

    finding.refresh_from_db()
    assert finding.revisit_judgement == RevisitJudgement.SUFFICIENT
    event = AuditEvent.objects.get(verb=AuditVerb.REVISIT_JUDGEMENT_RECORDED)
    assert event.detail == {"from": "", "to": "sufficient"}
