"""`sendtrack import-cases` killed with SIGKILL at a random moment, then run again, leaves exactly
what a clean run leaves: the same cases, events and milestones, nothing doubled or half-written.

The subprocesses cannot see the test database, so each run uses its own scratch database: a SQLite
file under tmp, or on PostgreSQL a database this test creates and drops.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from sendtrack.demo.generator import generate_cases
from sendtrack.interchange.case_files import dump_case

CASES = 2000
SENDTRACK = [sys.executable, "-m", "sendtrack.cli"]
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


class Scratch:
    """Scratch databases for subprocesses, in the same engine as the test run."""

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.vendor = connection.vendor
        self.made: list[str] = []
        settings = connection.settings_dict
        self.pg = {k: settings[k.upper()] for k in ("host", "port", "user", "password")}

    def url(self, name: str) -> str:
        if self.vendor == "sqlite":
            return f"sqlite:///{self.tmp / name}.sqlite3"
        p = self.pg
        auth = p["user"] + (f":{p['password']}" if p["password"] else "")
        return f"postgres://{auth}@{p['host'] or '127.0.0.1'}:{p['port'] or 5432}/{name}"

    def admin(self, sql: str) -> None:
        import psycopg

        p = self.pg
        with psycopg.connect(
            host=p["host"] or "127.0.0.1",
            port=p["port"] or 5432,
            user=p["user"],
            password=p["password"] or None,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(sql)

    def migrated(self, name: str) -> str:
        if self.vendor != "sqlite":
            self.admin(f'CREATE DATABASE "{name}"')
            self.made.append(name)
        run(["migrate", "--no-input"], self.url(name))
        return name

    def copy(self, source: str, name: str) -> str:
        if self.vendor == "sqlite":
            shutil.copy(self.tmp / f"{source}.sqlite3", self.tmp / f"{name}.sqlite3")
        else:
            self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
            self.made.append(name)
        return name

    def query(self, name: str, sql: str) -> list[tuple]:
        if self.vendor == "sqlite":
            with sqlite3.connect(self.tmp / f"{name}.sqlite3") as conn:
                return [tuple(map(str, row)) for row in conn.execute(sql).fetchall()]
        import psycopg

        with psycopg.connect(self.url(name)) as conn:
            return [tuple(map(str, row)) for row in conn.execute(sql).fetchall()]

    def drop_all(self) -> None:
        for name in reversed(self.made):
            self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="sendtrack.settings")
    return env


def run(args: list[str], url: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [*SENDTRACK, *args], env=environment(url), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def state(scratch: Scratch, name: str) -> tuple:
    return (
        [scratch.query(name, sql)[0] for sql in SUMMARY_SQL],
        scratch.query(name, HASHES_SQL),
        scratch.query(name, EVENTS_SQL),
    )


@pytest.fixture
def scratch(tmp_path):
    databases = Scratch(tmp_path)
    yield databases
    if databases.vendor != "sqlite":
        databases.drop_all()


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
