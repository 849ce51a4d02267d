"""`sendtrack import-cases` killed with SIGKILL at a random moment, then run again, leaves exactly
what a clean run leaves: the same cases, events and milestones, nothing doubled or half-written.

The subprocesses cannot see the test database, so each run uses its own scratch database: a SQLite
file under tmp, or on PostgreSQL a database this test creates and drops.
"""

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
from tests.scratch import SENDTRACK, Scratch, environment, run

CASES = 2000
SUMMARY_SQL = [
    "SELECT count(*) FROM casework_person",
    "SELECT count(*) FROM casework_case",
    "SELECT count(*) FROM casework_caseevent",
    "SELECT count(*) FROM casework_milestone",
    "SELECT count(*) FROM casework_integrityflag",
    "SELECT count(*) FROM (SELECT local_area_id, case_ref FROM casework_case"
    " GROUP BY local_area_id, case_ref HAVING count(*) > 1) AS doubled",
    "SELECT count(*) FROM casework_case c WHERE NOT EXISTS"
    " (SELECT 1 FROM casework_caseevent e WHERE e.case_id = c.id)",
]
HASHES_SQL = "SELECT case_ref, content_hash, stage, next_due FROM casework_case ORDER BY case_ref"
EVENTS_SQL = (
    "SELECT c.case_ref, e.position, e.type, e.date FROM casework_caseevent e"
    " JOIN casework_case c ON c.id = e.case_id ORDER BY c.case_ref, e.position, e.type"
)


def state(scratch: Scratch, name: str) -> tuple:
    return (
        [scratch.query(name, sql)[0] for sql in SUMMARY_SQL],
        scratch.query(name, HASHES_SQL),
        scratch.query(name, EVENTS_SQL),
    )


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "cases.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for case in generate_cases("990", CASES, seed=7, as_of=dt.date(2026, 3, 16)):
            out.write(dump_case(case) + "\n")
    return path


@pytest.mark.django_db
def test_an_import_killed_part_way_then_rerun_equals_a_clean_run(scratch, case_file):
    tag = uuid.uuid4().hex[:8]
    empty = scratch.migrated(f"sendtrack_crash_{tag}_empty")
    clean = scratch.copy(empty, f"sendtrack_crash_{tag}_clean")
    crashed = scratch.copy(empty, f"sendtrack_crash_{tag}_crashed")
    args = ["import-cases", str(case_file), "--area", "990"]
    create_area = [
        "shell",
        "-c",
        "from sendtrack.accounts.models import LocalArea; "
        "LocalArea.objects.create(code='990', name='Crashford')",
    ]
    for name in (clean, crashed):
        run(create_area, scratch.url(name))

    started = time.monotonic()
    run(args, scratch.url(clean))
    clean_seconds = time.monotonic() - started

    # Kill somewhere between start-up and the end of a clean run's time.
    rng = random.Random()
    delay = rng.uniform(0.3, max(clean_seconds, 0.5))
    process = subprocess.Popen(
        [*SENDTRACK, *args],
        env=environment(scratch.url(crashed)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    run(args, scratch.url(crashed))  # to completion

    expected, actual = state(scratch, clean), state(scratch, crashed)
    assert expected[0][1] == (str(CASES),)
    assert expected[0][5] == ("0",) and expected[0][6] == ("0",)  # nothing doubled, no empty case
    assert actual == expected, f"killed after {delay:.2f}s of a {clean_seconds:.2f}s import"
