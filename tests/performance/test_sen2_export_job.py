"""The SEN2 return as a job: the same file, the same refusal and the same problems as
`sendtrack export-sen2`, because both call `performance.sen2_export.export_return`."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from sendtrack.demo.generator import generate_cases
from sendtrack.jobs.models import Job, JobKind, JobStatus
from sendtrack.jobs.services import start_job
from tests.casework.conftest import (
    fixed_clock,  # noqa: F401  (frozen: the return's DateTime)
    import_objects,
)
from tests.jobs.conftest import case_file_text, immediate_jobs, media  # noqa: F401

CENSUS = "2026-01-15"
PAGE = "/performance/areas/999/sen2-return/"
HEADER = {"dmo": "Y", "dco": "R", "dsco": "N"}


pytestmark = pytest.mark.usefixtures("immediate_jobs", "media")


@pytest.fixture
def generated_area(area, council, health_trust, school):
    cases = list(generate_cases("999", 120, seed=3, as_of=dt.date(2026, 3, 16)))
    import_objects(cases, area)
    return area


def command(*extra: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    options = [f"--{name}={value}" for name, value in HEADER.items()]
    call_command(
        "export_sen2", "--census-date", CENSUS, "--area", "999", *options, "--output", "-", *extra,
        stdout=out, stderr=err,
    )  # fmt: skip
    return out.getvalue(), err.getvalue()


def job_for(capture, manager, area, *, draft: bool) -> Job:
    with capture(execute=True):
        job = start_job(
            kind=JobKind.SEN2_EXPORT, by=manager, area=area, census_date=CENSUS, draft=draft, header=HEADER
        )
    job.refresh_from_db()
    return job


@pytest.mark.parametrize("draft", [False, True])
def test_the_job_writes_the_commands_file_byte_for_byte(
    generated_area, manager, django_capture_on_commit_callbacks, draft
):
    try:
        expected, messages = command(*(["--draft"] if draft else []))
    except CommandError:
        pytest.skip("this generated area's return has errors: only the draft is written")

    job = job_for(django_capture_on_commit_callbacks, manager, generated_area, draft=draft)

    assert job.status == JobStatus.DONE, job.errors
    with default_storage.open(job.result_file) as stored:
        assert stored.read().decode("utf-8") == expected
    assert expected.startswith("<?xml") and "<Persons>" in expected
    assert job.result_name == ("SEN2_999_2026_DRAFT.xml" if "DRAFT" in messages else "SEN2_999_2026.xml")
    persons = expected.count("<Person>")
    assert job.done == persons > 50
    assert job.summary.startswith(f"Wrote {'a DRAFT return' if 'DRAFT' in messages else 'the return'} of")


def test_a_return_with_errors_is_refused_with_the_commands_problems(
    area, council, health_trust, school, manager, django_capture_on_commit_callbacks
):
    import_objects([json.loads(line) for line in case_file_text(3).splitlines()], area)
    with pytest.raises(CommandError, match="Not written"):
        command()
    _, messages = command("--draft")
    problems = [line for line in messages.splitlines() if " error: child " in line]
    assert problems, messages

    job = job_for(django_capture_on_commit_callbacks, manager, area, draft=False)

    assert job.status == JobStatus.FAILED
    assert job.errors == problems
    assert job.summary == f"Not written: the return has {len(problems)} errors. Fix them, or write a draft"
    assert not job.result_file

    draft = job_for(django_capture_on_commit_callbacks, manager, area, draft=True)
    expected, _ = command("--draft")
    assert draft.status == JobStatus.DONE
    assert draft.result_name == "SEN2_999_2026_DRAFT.xml"
    with default_storage.open(draft.result_file) as stored:
        assert stored.read().decode("utf-8") == expected


def test_the_page_starts_the_job_and_asks_for_what_the_command_asks(
    client, area, council, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "Is there a designated medical officer (DMO) in post?" in page.content.decode()

    missing = client.post(PAGE, {"census_date": CENSUS})
    assert missing.status_code == 200
    assert "Select whether there is a DMO in post" in missing.content.decode()
    assert not Job.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(PAGE, {"census_date": CENSUS, **HEADER, "draft": "on"})
    job = Job.objects.get()
    assert started["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.local_area, job.params) == (
        JobKind.SEN2_EXPORT,
        area,
        {"census_date": CENSUS, "draft": True, "header": HEADER},
    )


def test_only_those_who_report_on_the_area_may_write_its_return(client, senco, manager):
    client.force_login(senco)

    assert client.get(PAGE).status_code == 404
    client.force_login(manager)
    assert client.get("/performance/areas/998/sen2-return/").status_code == 404
