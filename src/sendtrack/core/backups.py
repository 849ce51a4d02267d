"""Back up and restore the whole database.

PostgreSQL uses pg_dump's custom format and pg_restore; SQLite uses its online backup API, which
copies a consistent snapshot while the service keeps running. A backup holds every child's record:
it is written readable by its owner only, and must be kept as carefully as the database itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import ConnectionHandler

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# pg_dump and pg_restore are stopped if they take longer than this.
CLIENT_TOOL_TIMEOUT_SECONDS = 6 * 60 * 60


class BackupError(RuntimeError):
    pass


@dataclass(frozen=True)
class TableFingerprint:
    rows: int
    checksum: str


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    tables: int
    rows: int


def backup_file_name(*, now: dt.datetime, vendor: str) -> str:
    suffix = "dump" if vendor == "postgresql" else "sqlite3"
    return f"sendtrack-{now:%Y%m%d-%H%M%S}.{suffix}"


def backup_database(*, destination: Path, alias: str = "default") -> BackupSummary:
    """Write a backup of the database to `destination`, which must not exist yet."""
    connection = connections[alias]
    destination.parent.mkdir(parents=True, exist_ok=True)
    # Created here, owner-only, so the copy of every child's record is never readable by others.
    descriptor = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        if connection.vendor == "postgresql":
            with os.fdopen(descriptor, "wb") as output:
                descriptor = -1
                dump = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
                _run(dump, settings_dict=connection.settings_dict, stdout=output)
        elif connection.vendor == "sqlite":
            os.close(descriptor)
            descriptor = -1
            if connection.in_atomic_block:
                # SQLite's backup waits for the open transaction to end: inside one it would wait forever.
                raise BackupError("A SQLite backup cannot be taken inside a transaction")
            connection.ensure_connection()
            with contextlib.closing(sqlite3.connect(destination)) as target:
                connection.connection.backup(target)
        else:
            raise BackupError(f"Backups are not supported on {connection.vendor}")
    except BaseException:
        if descriptor >= 0:
            os.close(descriptor)
        destination.unlink(missing_ok=True)
        raise
    counts = row_counts(connection)
    return BackupSummary(path=destination, tables=len(counts), rows=sum(counts.values()))


def restore_database(
    *, source: Path, database_url: str | None = None, alias: str = "default"
) -> BackupSummary:
    """Replace the contents of a database with a backup: the configured one, or `database_url`'s.

    Restore into an empty database where you can: tables that the backup does not hold are left.
    """
    kind = backup_kind(source)
    with _target_connection(database_url, alias) as connection:
        if kind != connection.vendor:
            raise BackupError(f"{source} is a {kind} backup; the database is {connection.vendor}")
        if connection.vendor == "postgresql":
            connection.close()
            restore = [
                "pg_restore", "--no-owner", "--no-privileges", "--clean", "--if-exists",
                "--single-transaction", "--exit-on-error",
                "--dbname", connection.settings_dict["NAME"], str(source),
            ]  # fmt: skip
            _run(restore, settings_dict=connection.settings_dict)
        else:
            connection.ensure_connection()
            with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup:
                backup.backup(connection.connection)
        counts = row_counts(connection)
    return BackupSummary(path=source, tables=len(counts), rows=sum(counts.values()))


def backup_kind(path: Path) -> str:
    with path.open("rb") as file:
        start = file.read(len(SQLITE_MAGIC))
    if start.startswith(SQLITE_MAGIC):
        return "sqlite"
    if start.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not a sendtrack backup (neither a SQLite file nor a pg_dump archive)")


def row_counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608
            counts[table] = cursor.fetchone()[0]
    return counts


def table_fingerprints(connection: BaseDatabaseWrapper) -> dict[str, TableFingerprint]:
    """Each table's row count and a checksum of its rows, in an order that does not depend on storage."""
    fingerprints = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608
            rows = sorted(repr(tuple(_comparable(value) for value in row)) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            fingerprints[table] = TableFingerprint(rows=len(rows), checksum=digest)
    return fingerprints


@contextlib.contextmanager
def connection_for_url(database_url: str) -> Iterator[BaseDatabaseWrapper]:
    """A Django connection to another database, closed afterwards."""
    handler = ConnectionHandler({"default": dj_database_url.parse(database_url)})
    connection = handler["default"]
    try:
        yield connection
    finally:
        connection.close()


@contextlib.contextmanager
def _target_connection(database_url: str | None, alias: str) -> Iterator[BaseDatabaseWrapper]:
    if database_url:
        with connection_for_url(database_url) as connection:
            yield connection
    else:
        yield connections[alias]


def _comparable(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, memoryview | bytes | bytearray):
        return bytes(value).hex()
    return value


def _run(command: list[str], *, settings_dict: dict[str, Any], stdout: Any = None) -> None:
    """Run a PostgreSQL client tool with the connection details in its environment, not its arguments."""
    environment = {**os.environ, "PGDATABASE": str(settings_dict["NAME"])}
    variables = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
    for key, variable in variables.items():
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    result = subprocess.run(
        command,
        env=environment,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        check=False,
        timeout=CLIENT_TOOL_TIMEOUT_SECONDS,
    )
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip()
        raise BackupError(f"{command[0]} failed: {message}")
