"""Progress that staff can see while a job's own transaction is still open.

An import runs in one transaction so that a bad line, or a worker that dies, leaves nothing behind;
its progress is written through a second connection that commits at once. On SQLite, whose one
writer is the import itself, a progress write that would wait is skipped: the page then shows the
count at the end.
"""

from __future__ import annotations

import time
import uuid

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

MIN_INTERVAL_SECONDS = 0.5


class ProgressWriter:
    def __init__(self, job_id: object) -> None:
        self.job_id = str(job_id)
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS)
        self.last = 0.0

    def __call__(self, done: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < MIN_INTERVAL_SECONDS:
            return
        self.last = now
        from sendtrack.jobs.models import Job

        table = self.connection.ops.quote_name(Job._meta.db_table)
        job_id = self.job_id.replace("-", "") if self.connection.vendor == "sqlite" else self.job_id
        try:
            with self.connection.cursor() as cursor:
                if self.connection.vendor == "sqlite":
                    cursor.execute("PRAGMA busy_timeout = 50")
                cursor.execute(
                    f"UPDATE {table} SET done = %s WHERE id = %s AND done < %s",  # noqa: S608
                    [done, job_id, done],
                )
        except DatabaseError:
            return

    def close(self) -> None:
        self.connection.close()


def mark_total(job_id: uuid.UUID | str, total: int, unit: str) -> None:
    from sendtrack.jobs.models import Job

    Job.objects.filter(pk=job_id).update(total=total, unit=unit, done=0)
