"""`sendtrack worker`: run queued jobs until stopped (SIGTERM lets the job in hand finish)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks_db.management.commands.db_worker import Worker

from sendtrack.jobs.workers import Heartbeat, beat, new_worker_id, requeue_abandoned

NO_QUEUE = (
    "Jobs run inside the process that starts them (JOBS_BACKEND=immediate), so there is nothing for a "
    "worker to do: set JOBS_BACKEND=database for the web processes and the worker."
)


class Command(BaseCommand):
    help = "Run queued jobs (imports, reports, exports, KPI refreshes, emails, retention) until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at an empty queue"
        )
        parser.add_argument("--batch", action="store_true", help="run what is queued, then stop")
        parser.add_argument("--worker-id", default="", help="a name unique among workers (default: made up)")

    def handle(self, *args: Any, interval: float, batch: bool, worker_id: str, **options: Any) -> None:
        if settings.JOBS_BACKEND != "database":
            raise CommandError(NO_QUEUE)
        worker_id = worker_id or new_worker_id()
        beat(worker_id)
        requeued = requeue_abandoned()
        self.stdout.write(f"Worker {worker_id} started; {requeued} abandoned jobs queued again")
        self.stdout.flush()
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
        worker = Worker(
            queue_names=["default"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        try:
            worker.configure_signals()
            worker.run()
        finally:
            heartbeat.stop()
