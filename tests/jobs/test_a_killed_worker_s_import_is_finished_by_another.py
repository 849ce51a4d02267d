"""A worker killed (SIGKILL) part way through a case import: another worker picks the job up again
and leaves exactly what a clean run leaves, with the same job summary."""

from __future__ import annotations

import datetime as dt
import random
import signal
import subprocess
import time
import uuid

import pytest

from sendtrack.demo.generator import generate_cases
from sendtrack.interchange.case_files import dump_case
from tests.scratch import SENDTRACK, environment
from tests.trust.test_import_survives_a_crash import state

CASES = 2000
START_IMPORT = """
from django.core.files import File
from django.core.files.storage import default_storage
from sendtrack.accounts.models import LocalArea
from sendtrack.jobs.models import JobKind
from sendtrack.jobs.services import start_job
area = LocalArea.objects.create(code="990", name="Crashford")
with open({path!r}, "rb") as f:
    name = default_storage.save("uploads/case-files/cases.jsonl", File(f))
start_job(kind=JobKind.IMPORT_CASES, by=None, area=area, unit="cases", upload=name)
"""


def job_environment(url: str, media) -> dict[str, str]:
    env = environment(url)
    env.update(JOBS_BACKEND="database", MEDIA_ROOT=str(media), WORKER_STALE_SECONDS="2")
    return env


def sendtrack(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    done = subprocess.run([*SENDTRACK, *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def job_row(scratch, name: str) -> tuple:
    return scratch.query(name, "SELECT status, summary, done, total, attempts FROM jobs_job")[0]


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "cases.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for case in generate_cases("990", CASES, seed=11, as_of=dt.date(2026, 3, 16)):
            out.write(dump_case(case) + "\n")
    return path


@pytest.mark.django_db
def test_an_import_whose_worker_is_killed_is_finished_by_another_worker_as_a_clean_run(
    scratch, case_file, tmp_path
):
    tag = uuid.uuid4().hex[:8]
    empty = scratch.migrated(f"sendtrack_jobs_{tag}_empty")
    clean = scratch.copy(empty, f"sendtrack_jobs_{tag}_clean")
    crashed = scratch.copy(empty, f"sendtrack_jobs_{tag}_crashed")
    clean_env = job_environment(scratch.url(clean), tmp_path / "media-clean")
    crashed_env = job_environment(scratch.url(crashed), tmp_path / "media-crashed")
    for env in (clean_env, crashed_env):
        sendtrack(["shell", "-c", START_IMPORT.format(path=str(case_file))], env)

    started = time.monotonic()
    sendtrack(["worker", "--batch"], clean_env)
    clean_seconds = time.monotonic() - started

    first = subprocess.Popen(
        [*SENDTRACK, "worker"], env=crashed_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while job_row(scratch, crashed)[0] != "running":
            assert time.monotonic() < deadline, "the first worker never started the job"
            assert first.poll() is None, "the first worker stopped by itself"
            time.sleep(0.05)
        time.sleep(random.uniform(0.1, max(clean_seconds * 0.5, 0.2)))
        status_when_killed = job_row(scratch, crashed)[0]
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    time.sleep(2.5)  # longer than WORKER_STALE_SECONDS: the first worker now counts as dead

    second = sendtrack(["worker", "--batch"], crashed_env)

    assert status_when_killed == "running", "the first worker finished before it could be killed"
    assert "1 abandoned jobs queued again" in second.stdout
    assert state(scratch, crashed) == state(scratch, clean)
    clean_job, crashed_job = job_row(scratch, clean), job_row(scratch, crashed)
    assert clean_job[:4] == crashed_job[:4]
    assert clean_job[0] == "done" and clean_job[2:4] == (str(CASES), str(CASES))
    assert clean_job[1].startswith(
        f"Imported {CASES} cases into Crashford: {CASES} new, 0 changed, 0 unchanged; "
    )
    assert (clean_job[4], crashed_job[4]) == ("1", "2")
