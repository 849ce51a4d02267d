"""The meeting page prepares the board report as a job; its page offers the file."""

from __future__ import annotations

import pytest
from django.urls import reverse
from docx import Document

from sendtrack.jobs.models import Job, JobStatus


@pytest.fixture(autouse=True)
def jobs_in_process(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_preparing_the_board_report_runs_a_job_whose_page_offers_the_word_file(
    client, manager, plan, meeting, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = reverse("improvement:board-report", args=[plan.pk, meeting.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"format": "docx"})

    job = Job.objects.get()
    assert response.url == reverse("jobs:job", args=[job.pk])
    assert job.status == JobStatus.DONE and job.result_name.endswith(".docx")
    page = client.get(response.url).content.decode()
    assert f"Download {job.result_name}" in page
    download = client.get(reverse("jobs:download", args=[job.pk]))
    document = Document(__import__("io").BytesIO(b"".join(download.streaming_content)))
    assert any(p.style.name.startswith("Heading") for p in document.paragraphs)


def test_a_board_member_of_another_area_cannot_prepare_the_report(
    client, caseworker_elsewhere, plan, meeting
):
    client.force_login(caseworker_elsewhere)

    response = client.post(reverse("improvement:board-report", args=[plan.pk, meeting.pk]), {"format": "pdf"})

    assert response.status_code == 404 and not Job.objects.exists()
