"""The measurements bench_before_after.py makes inside the code under test, one a process.

    PYTHONPATH=<checkout>/src .venv/bin/python bench/before_after_steps.py refresh --database-url URL
    PYTHONPATH=<checkout>/src .venv/bin/python bench/before_after_steps.py sen2 --database-url URL

Whichever `sendtrack` comes first on the path is the code measured; this file only uses what both
the code before issue 20 and main have. Prints one JSON object on its last line.

- refresh: `refresh_all` of every bench area (code B...) as of bench_performance's date, twice (the
  second run updates stored rows, as a nightly run does), each after a `CHECKPOINT` (so that the
  writes of the step before are not flushed during it) with its wall time, this process's
  CPU, the database backend's CPU (from /proc of `pg_backend_pid()`, the leader only) and that of
  every backend of the database with their parallel workers (`DatabaseCpu`, sampled); then the
  stored rows' count and md5 (bench_performance.stored_digest: the area's date joined in, so the
  digest is the same whether the date is kept on each row or once an area).
- sen2: the SEN2 problems page of the 25,000-case area through Django's test client, signed in as
  its caseworker. Code that checks the return in the request: --visits visits, each timed. Code
  that keeps the check (`Sen2Check`): bench_page_profile.sen2_page, the page and the check job
  timed apart.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
TICKS = os.sysconf("SC_CLK_TCK")
_PARALLEL = re.compile(r"parallel worker for PID (\d+)")


def setup(database_url: str, step: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    if step == "sen2":  # jobs queued as in production, so a visit never runs the check itself
        os.environ.setdefault("JOBS_BACKEND", "database")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendtrack.settings")
    os.environ.setdefault("AXES_ENABLED", "false")
    os.environ.setdefault("SENDTRACK_DEV_SKIP_MFA", "true")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def backend_cpu_seconds() -> float | None:
    """CPU seconds of this connection's PostgreSQL backend so far; None when its /proc is not readable."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


class DatabaseCpu:
    """CPU seconds of every server process working for this database while the block runs: each
    connection's backend (a refresh may open a second one, which ends before the block does) and
    their parallel workers, read from /proc every 50 ms. A process seen first during the block
    counts from zero; one that ended counts up to its last reading."""

    def __init__(self, database: str) -> None:
        self.name = f" {database} "
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.stop = threading.Event()

    def __enter__(self) -> DatabaseCpu:
        self.first = dict(self._read())
        self.last = dict(self.first)
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        self.last.update(self._read())

    @property
    def seconds(self) -> float:
        return round(sum(cpu - self.first.get(pid, 0.0) for pid, cpu in self.last.items()), 2)

    def _sample(self) -> None:
        while not self.stop.wait(0.05):
            self.last.update(self._read())

    def _read(self) -> Iterator[tuple[int, float]]:
        """(pid, CPU seconds) of each backend of the database and each parallel worker of one."""
        titles = dict(_server_processes())
        ours = {pid for pid, title in titles.items() if self.name in title}
        ours |= {
            pid
            for pid, title in titles.items()
            if (found := _PARALLEL.search(title)) and int(found[1]) in ours
        }
        for pid in ours:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            yield pid, (int(fields[11]) + int(fields[12])) / TICKS


def _server_processes() -> Iterator[tuple[int, str]]:
    """(pid, title) of each PostgreSQL server process."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            title = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if title.startswith("postgres:"):
            yield int(entry), title


def timed_refresh(areas: list, as_of: object) -> dict[str, float | None]:
    from django.db import connection

    from sendtrack.performance.services.refresh import refresh_all

    with connection.cursor() as cursor:
        # The step before (a refresh that rewrote every stored row, a migration) is written out
        # first, not by the checkpointer during the timed run.
        cursor.execute("CHECKPOINT")
    load_before = os.getloadavg()[0]
    backend = backend_cpu_seconds()
    cpu = time.process_time()
    with DatabaseCpu(connection.settings_dict["NAME"]) as every_backend:
        started = time.perf_counter()
        refresh_all(areas=areas, as_of=as_of)
        wall = time.perf_counter() - started
    backend_after = backend_cpu_seconds()
    return {
        "wall_s": round(wall, 2),
        "python_cpu_s": round(time.process_time() - cpu, 2),
        "database_backend_cpu_s": (
            round(backend_after - backend, 2) if backend is not None and backend_after is not None else None
        ),
        "every_backend_cpu_s": every_backend.seconds,
        "load_start": round(load_before, 2),
        "load_end": round(os.getloadavg()[0], 2),
    }


def refresh() -> dict[str, object]:
    from bench_performance import AS_OF, stored_digest

    from sendtrack.accounts.models import LocalArea
    from sendtrack.performance.models import KpiSummary

    areas = list(LocalArea.objects.filter(code__startswith="B").order_by("code"))
    if not areas:
        raise SystemExit("The database holds no bench areas (codes B...): build the national set first")
    first = timed_refresh(areas, AS_OF)
    second = timed_refresh(areas, AS_OF)
    return {
        "areas": len(areas),
        "as_of": AS_OF.isoformat(),
        "first_run": first,
        "second_run": second,
        "summary_rows": KpiSummary.objects.count(),
        "summary_rows_md5": stored_digest(),
    }


def sen2(args: argparse.Namespace) -> dict[str, object]:
    from bench_load import prepare
    from bench_page_profile import _visits, sen2_page
    from django.test import Client

    from sendtrack.accounts.models import User
    from sendtrack.performance import models

    area = args.area
    email, _ = prepare(args)  # the area as bench_wrk.py builds it, when it is not there yet
    client = Client()
    client.force_login(User.objects.get(email=email))
    if hasattr(models, "Sen2Check"):
        return {"checked_in": "a job (the page reads the kept check)", **sen2_page(client, area)}
    url = f"/performance/areas/{area}/sen2-issues/"
    _visits(client, "/casework/?page=3", 1)  # a first request's imports and templates, not the page's
    timings = _visits(client, url, args.visits)
    return {
        "checked_in": "the request (the whole return validated on every visit)",
        "visits_ms": timings,
        "first_visit_ms": timings[0],
        "later_visits_ms": timings[1:],
        "target_ms": 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["refresh", "sen2"])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--area", default="990")
    parser.add_argument("--cases", type=int, default=25_000, help="sen2: the area's cases")
    parser.add_argument("--seed", type=int, default=5, help="sen2: as bench_wrk.py builds the area")
    parser.add_argument("--visits", type=int, default=3)
    args = parser.parse_args()
    setup(args.database_url, args.step)
    import sendtrack

    result = refresh() if args.step == "refresh" else sen2(args)
    result["code"] = str(Path(sendtrack.__file__).resolve().parent)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
