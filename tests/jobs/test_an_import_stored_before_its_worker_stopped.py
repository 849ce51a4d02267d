"""A case import whose worker stops after the cases were stored but before the summaries were
refreshed: the next attempt refreshes them and reports what the import did, without importing the
file again (which would find every case unchanged)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from sendtrack.casework import job_runners
from sendtrack.casework.models import Case, Milestone
from sendtrack.casework.services import imports
from sendtrack.jobs.models import Job, JobKind, JobStatus
from sendtrack.jobs.services import start_job
from sendtrack.jobs.tasks import run_job
from sendtrack.performance.models import SummaryRefresh
from tests.jobs.conftest import case_file_text


class WorkerStopped(BaseException):
    """What a killed worker looks like from inside the job: nothing after this point runs."""


@pytest.fixture(autouse=True)
def setup(immediate_jobs, media):
    pass


def test_the_next_attempt_refreshes_and_reports_the_stored_import(
    area, monkeypatch, django_capture_on_commit_callbacks
):
    upload = default_storage.save("uploads/case-files/cases.jsonl", ContentFile(case_file_text(3).encode()))

    def stopped(*args, **kwargs):
        raise WorkerStopped

    monkeypatch.setattr(job_runners, "finish", stopped)
    monkeypatch.setattr(imports, "refresh_after_import", stopped)
    with pytest.raises(WorkerStopped), django_capture_on_commit_callbacks(execute=True):
        start_job(kind=JobKind.IMPORT_CASES, by=None, area=area, unit="cases", upload=upload)
    job = Job.objects.get()
    assert job.status == JobStatus.RUNNING
    assert Case.objects.filter(local_area=area).count() == 3
    assert not SummaryRefresh.objects.filter(local_area=area).exists()

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        run_job.call(str(job.pk))

    job.refresh_from_db()
    milestones = Milestone.objects.filter(case__local_area=area).count()
    assert (job.status, job.attempts, job.done) == (JobStatus.DONE, 2, 3)
    assert job.summary == (
        f"Imported 3 cases into {area.name}: 3 new, 0 changed, 0 unchanged; {milestones} milestones."
    )
    assert SummaryRefresh.objects.filter(local_area=area).exists()
    assert not default_storage.exists(upload)
