"""Scratch databases for tests that run sendtrack in subprocesses, which cannot see the test database.

Each is a SQLite file under the test's tmp folder, or on PostgreSQL a database the test creates and
drops, in the same engine as the test run.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.db import connection

SENDTRACK = [sys.executable, "-m", "sendtrack.cli"]


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

    def execute(self, name: str, sql: str) -> None:
        if self.vendor == "sqlite":
            with sqlite3.connect(self.tmp / f"{name}.sqlite3") as conn:
                conn.execute(sql)
            return
        import psycopg

        with psycopg.connect(self.url(name), autocommit=True) as conn:
            conn.execute(sql)

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
