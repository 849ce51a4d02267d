"""A SEND manager uploads a case file; a job imports it and its page shows the result or every problem."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendtrack.casework.forms import MISSING_CASE_FILE, WRONG_CASE_FILE_TYPE
from sendtrack.casework.models import Case
from sendtrack.jobs.models import Job, JobStatus
from tests.jobs.conftest import case_file_text

URL = "/casework/import/"


@pytest.fixture(autouse=True)
def setup(immediate_jobs, media, council, health_trust, school):
    pass


def upload(client, text: str, name: str = "cases.jsonl", commit_callbacks=None):
    with commit_callbacks(execute=True):
        return client.post(URL, {"file": SimpleUploadedFile(name, text.encode("utf-8"))})


def test_a_manager_imports_a_case_file_and_sees_the_counts(
    client, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)

    response = upload(client, case_file_text(3), commit_callbacks=django_capture_on_commit_callbacks)

    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:job", args=[job.pk])
    assert (job.status, job.done, job.total, job.unit) == (JobStatus.DONE, 3, 3, "cases")
    assert Case.objects.filter(case_ref__startswith="NB-").count() == 3
    page = client.get(response.url).content.decode()
    assert "Imported 3 cases into Northbridge: 3 new, 0 changed, 0 unchanged" in page
    assert "hx-trigger" not in page


def test_a_bad_line_imports_nothing_and_the_job_page_names_the_line(
    client, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    text = case_file_text(2) + '{"case_ref": "NB-0009", "person": {}, "events": "soon"}\n'

    response = upload(client, text, commit_callbacks=django_capture_on_commit_callbacks)

    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert Case.objects.count() == 0
    page = client.get(response.url).content.decode()
    assert "Nothing imported: 1 problem in 3 cases" in page
    assert "line 3:" in page and "Nothing was imported" in page


def test_a_file_that_is_not_utf8_is_refused_with_a_reason(
    client, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"file": SimpleUploadedFile("cases.jsonl", '{"é": 1}\n'.encode("latin-1"))})

    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.errors == [
        "The file is not UTF-8 text: save it again as UTF-8 JSON Lines"
    ]


def test_the_upload_form_says_what_is_wrong_with_the_file(client, manager):
    client.force_login(manager)

    missing = client.post(URL, {}).content.decode()
    wrong = client.post(URL, {"file": SimpleUploadedFile("cases.xlsx", b"PK")}).content.decode()

    assert MISSING_CASE_FILE in missing and WRONG_CASE_FILE_TYPE in wrong
    assert not Job.objects.exists()


def test_a_caseworker_may_not_import_and_outsiders_do_not_see_the_job(
    client, manager, caseworker, caseworker_elsewhere, django_capture_on_commit_callbacks
):
    client.force_login(caseworker)
    assert client.get(URL).status_code == 403
    client.force_login(manager)
    upload(client, case_file_text(1), commit_callbacks=django_capture_on_commit_callbacks)
    job = Job.objects.get()

    for outsider in (caseworker, caseworker_elsewhere):
        client.force_login(outsider)
        assert client.get(reverse("jobs:job", args=[job.pk])).status_code == 404


def test_a_running_job_page_polls_and_counts_with_thousands(client, manager, area):
    job = Job.objects.create(
        kind="import_cases",
        status=JobStatus.RUNNING,
        started_by=manager,
        local_area=area,
        unit="cases",
        done=12400,
        total=25000,
    )
    client.force_login(manager)

    fragment = client.get(reverse("jobs:job", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()

    assert "12,400 of 25,000 cases" in fragment
    assert 'hx-trigger="every 2s"' in fragment and "<html" not in fragment
