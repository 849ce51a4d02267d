"""A tracked child's pack holds the whole case (every event, time limit, advice, document, the plan,
the family's response and the access log), and only the inspection's named leads reach it."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from sendtrack.casework.case_file_selectors import case_file_dict
from sendtrack.casework.models import AccessLog, Case, CaseDocument
from sendtrack.casework.selectors import case_timeline
from sendtrack.casework.services import import_cases
from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.demo.generator import generate_cases
from sendtrack.demo.load import load_demo_plans
from sendtrack.ehcplan.models import PlanVersion
from sendtrack.inspection.models import Sample, TrackedChild
from sendtrack.inspection.packs import make_pack
from sendtrack.inspection.tracking_services import add_named_child, name_lead
from sendtrack.jobs.models import Job, JobStatus
from sendtrack.portal.models import DraftResponse

GENERATED_AS_OF = date(2026, 5, 1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo_case(area, caseworker, parent) -> Case:
    """The richest case of a small generated area that has a written plan, advice and a review,
    with a document and a family's response added as the portal and the upload page write them."""
    cases = list(generate_cases("999", 60, 5, GENERATED_AS_OF))
    report = import_cases((json.dumps(c) for c in cases), area=area, as_of=GENERATED_AS_OF)
    assert report.ok, report.errors[:3]
    load_demo_plans(area=area, seed=5, as_of=GENERATED_AS_OF)
    with_plans = Case.objects.filter(
        pk__in=PlanVersion.objects.values("case_id"), events__type="advice_requested"
    )
    case = max(with_plans.distinct(), key=lambda c: c.events.count())
    draft = case.events.filter(type="draft_plan_issued").first()
    CaseDocument.objects.create(
        case=case,
        kind=CaseDocument.Kind.ADVICE,
        title="Educational psychology advice",
        file=ContentFile(b"%PDF-1.4 advice", name="ep-advice.pdf"),
        original_name="ep-advice.pdf",
        date=GENERATED_AS_OF,
        uploaded_by=caseworker,
    )
    DraftResponse.objects.create(
        case=case,
        draft_event=draft,
        draft_issued_on=draft.date if draft else None,
        submitted_by=parent,
        views="We would like more speech and language therapy.",
        preferred_setting="Oakfield Primary School",
    )
    return case


@pytest.fixture
def tracked(area, manager, caseworker, notification, demo_case) -> TrackedChild:
    name_lead(notification=notification, user=caseworker, by=manager)
    return add_named_child(notification=notification, case_ref=demo_case.case_ref, by=caseworker)


def pack_files(tracked: TrackedChild) -> tuple[str, zipfile.ZipFile]:
    from django.core.files.storage import default_storage

    with default_storage.open(tracked.pack_pdf, "rb") as handle:
        text = "\n".join(page.extract_text() for page in PdfReader(handle).pages)
    with default_storage.open(tracked.pack_zip, "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    return " ".join(text.split()), archive


def test_the_pack_holds_every_event_time_limit_advice_and_document_of_the_case(
    tracked, caseworker, demo_case
):
    made = make_pack(tracked, by=caseworker)
    text, archive = pack_files(made)
    timeline = case_timeline(demo_case)
    assert len(timeline["events"]) > 8 and made.pack_seconds is not None

    # The zip's timeline is the person page's, event for event, in the same order.
    rows = list(csv.DictReader(io.StringIO(archive.read("timeline.csv").decode("utf-8-sig"))))
    assert [row["description"] for row in rows] == [e.description for e in timeline["events"]]
    assert [row["date"] for row in rows] == [str(e.date or "") for e in timeline["events"]]
    assert json.loads(archive.read("case-file.json")) == json.loads(
        json.dumps(case_file_dict(demo_case), default=str)
    )
    limits = list(csv.DictReader(io.StringIO(archive.read("time-limits.csv").decode("utf-8-sig"))))
    assert [row["time limit"] for row in limits] == [m.label for m in timeline["milestones"]]

    # Every advice asked for is in the PDF with its agency and dates.
    advice = [m for m in timeline["milestones"] if m.rule_name == "advice"]
    assert advice
    for milestone in advice:
        assert milestone.label in text
        assert f"{milestone.start.day} {milestone.start:%B %Y}" in text
    for event in timeline["events"]:
        assert " ".join(event.description.split())[:40] in text

    # The document, the plan in Word, the family's response and the access log.
    names = archive.namelist()
    assert any(name.startswith("documents/") and name.endswith("ep-advice.pdf") for name in names)
    assert "Educational psychology advice" in text
    plan = PlanVersion.objects.get(case=demo_case)
    assert f"ehc-plan-version-{plan.number}.docx" in names
    assert "We would like more speech and language therapy." in text
    assert "Inspection tracking pack made" in text
    assert "Documents due to the inspectors by" in text
    log = list(csv.DictReader(io.StringIO(archive.read("access-log.csv").decode("utf-8-sig"))))
    assert log[-1]["why"] == "inspection tracking pack made"


def test_making_and_downloading_a_pack_are_audited_and_logged(
    client, tracked, caseworker, notification, django_capture_on_commit_callbacks
):
    client.force_login(caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inspection:make-packs", args=[notification.pk]))
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.errors
    assert "Made 1 tracking pack" in job.summary and not job.result_file  # the file is not the job's
    tracked.refresh_from_db()
    assert tracked.pack_made_at is not None
    download = client.get(reverse("inspection:download-pack", args=[notification.pk, tracked.pk, "pdf"]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(verb=AuditVerb.TRACKING_PACK_MADE, actor=caseworker).count() == 1
    assert AuditEvent.objects.filter(verb=AuditVerb.TRACKING_PACK_DOWNLOADED, actor=caseworker).count() == 1
    whys = list(
        AccessLog.objects.filter(case=tracked.case, actor=caseworker).values_list("action", flat=True)
    )
    assert sorted(whys) == ["inspection tracking pack downloaded", "inspection tracking pack made"]
    page = client.get(reverse("inspection:tracking", args=[notification.pk])).content.decode()
    assert tracked.case.case_ref in page and "Documents due to the inspectors by" in page


@pytest.mark.parametrize(
    "who",
    ["manager", "administrator", "read_only_officer", "health_advisor", "caseworker_elsewhere", "parent"],
)
def test_nobody_but_the_named_leads_reaches_a_pack(client, request, tracked, caseworker, notification, who):
    make_pack(tracked, by=caseworker)
    client.force_login(request.getfixturevalue(who))
    before = AccessLog.objects.count()
    for fmt in ("pdf", "zip"):
        response = client.get(reverse("inspection:download-pack", args=[notification.pk, tracked.pk, fmt]))
        assert response.status_code == 404
        assert tracked.case.case_ref.encode() not in response.content
    page = client.get(reverse("inspection:tracking", args=[notification.pk]))
    assert tracked.case.case_ref.encode() not in page.content
    assert page.status_code in (200, 404)  # the SEND manager names leads but sees no child
    assert client.post(reverse("inspection:make-packs", args=[notification.pk])).status_code == 404
    assert AccessLog.objects.count() == before


def test_a_lead_who_is_removed_can_no_longer_make_a_pack(tracked, caseworker, manager, notification):
    from django.http import Http404

    from sendtrack.inspection.tracking_services import remove_lead

    remove_lead(notification=notification, user_id=caseworker.pk, by=manager)
    with pytest.raises(Http404):
        make_pack(tracked, by=caseworker)


def test_only_council_case_staff_can_be_named_leads(notification, manager, administrator):
    from sendtrack.inspection.tracking_services import TrackingRefused

    with pytest.raises(TrackingRefused):
        name_lead(notification=notification, user=administrator, by=manager)


def test_a_named_child_must_be_a_case_of_the_area(client, tracked, caseworker, notification):
    client.force_login(caseworker)
    response = client.post(
        reverse("inspection:add-named-child", args=[notification.pk]), {"case_ref": "NOPE-1"}
    )
    assert response.status_code == 400
    assert "There is no case NOPE-1 in Northbridge" in response.content.decode()
    assert TrackedChild.objects.filter(sample=Sample.NAMED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_erasing_the_child_deletes_the_tracking_row_and_its_pack_files(tracked, caseworker):
    from django.core.files.storage import default_storage
    from django.db import transaction

    from sendtrack.core.retention import erase_person

    made = make_pack(tracked, by=caseworker)
    files = [made.pack_pdf, made.pack_zip]
    assert all(default_storage.exists(name) for name in files)

    with transaction.atomic():
        erase_person(person=tracked.case.person, as_of=date(2026, 11, 30))

    assert not TrackedChild.objects.filter(pk=tracked.pk).exists()
    assert not any(default_storage.exists(name) for name in files)
