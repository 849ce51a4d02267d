"""KPI refresh fanned out one task per area, and retention, run as jobs."""

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


def test_the_retention_job_erases_records_past_their_period(
    area, council, health_trust, school, django_capture_on_commit_callbacks
):
    import_objects([__import__("json").loads(case_file_text(1))], area)

    job = run(django_capture_on_commit_callbacks, kind=JobKind.RETENTION, by=None, as_of="2048-01-01")

    assert job.status == JobStatus.DONE
    assert job.summary.startswith("Erased 1 records past their retention period")
    assert not Person.objects.filter(family_name="Brown").exists()
