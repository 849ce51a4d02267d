"""KPI refresh fanned out one task per area, SEN2 export, retention and family updates, run as jobs."""

from __future__ import annotations

import datetime as dt

import pytest

from sendtrack.casework.models import Person
from sendtrack.jobs.models import Job, JobKind, JobStatus
from sendtrack.jobs.services import start_job
from sendtrack.performance.models import SummaryRefresh
from tests.casework.conftest import import_objects
from tests.jobs.conftest import case_file_text


@pytest.fixture(autouse=True)
def setup(immediate_jobs, media):
    pass


def run(django_capture_on_commit_callbacks, **kwargs) -> Job:
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(**kwargs)
    job.refresh_from_db()
    return job


def test_kpi_refresh_runs_one_task_per_area_and_counts_areas(
    area, other_area, django_capture_on_commit_callbacks
):
    job = run(django_capture_on_commit_callbacks, kind=JobKind.REFRESH_KPIS, by=None, as_of="2026-03-16")

    assert (job.status, job.done, job.total, job.unit) == (JobStatus.DONE, 2, 2, "areas")
    assert job.summary == "Refreshed the KPI summaries of 2 local areas"
    assert set(SummaryRefresh.objects.values_list("local_area__code", "as_of")) == {
        ("999", dt.date(2026, 3, 16)),
        ("998", dt.date(2026, 3, 16)),
    }


def test_the_sen2_export_job_writes_the_return_as_a_file(
    area, council, health_trust, school, manager, django_capture_on_commit_callbacks
):
    import_objects([__import__("json").loads(line) for line in case_file_text(2).splitlines()], area)

    job = run(
        django_capture_on_commit_callbacks,
        kind=JobKind.SEN2_EXPORT,
        by=manager,
        area=area,
        census_date="2026-01-15",
        header={"dmo": "Y", "dco": "Y", "dsco": "N"},
    )

    assert job.status == JobStatus.DONE, job.errors
    assert job.result_name == "sen2-999-2026-01-15.xml"
    assert job.summary == "Wrote 2 persons for census day 15 January 2026"
    from django.core.files.storage import default_storage

    assert b"<Message>" in default_storage.open(job.result_file).read()


def test_the_retention_job_erases_records_past_their_period(
    area, council, health_trust, school, django_capture_on_commit_callbacks
):
    import_objects([__import__("json").loads(case_file_text(1))], area)

    job = run(django_capture_on_commit_callbacks, kind=JobKind.RETENTION, by=None, as_of="2048-01-01")

    assert job.status == JobStatus.DONE
    assert job.summary.startswith("Erased 1 records past their retention period")
    assert not Person.objects.filter(family_name="Brown").exists()
