"""`sendtrack scheduler`: start each schedule's jobs when they are due (see sendtrack/jobs/schedules.py)."""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections

from sendtrack.jobs.schedules import SCHEDULES, start_due_runs

log = logging.getLogger("sendtrack.jobs")


class Command(BaseCommand):
    help = "Start the nightly KPI refresh, daily family updates and retention when they are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between looks at the clock")
        parser.add_argument("--once", action="store_true", help="start what is due now, then stop")

    def handle(self, *args: Any, interval: float, once: bool, **options: Any) -> None:
        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.set())
        for schedule in SCHEDULES:
            self.stdout.write(f"{schedule.name}: {schedule.when()}")
        while True:
            close_old_connections()
            try:
                for job in start_due_runs():
                    log.info("scheduled job started", extra={"schedule": job.schedule, "job_id": str(job.pk)})
                    self.stdout.write(f"Started {job.schedule} (job {job.pk})")
            except DatabaseError:
                log.exception("the scheduler could not reach the database")
            self.stdout.flush()
            if once or stopping.wait(interval):
                return
