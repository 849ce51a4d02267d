"""Time the national KPI refresh as jobs: one task per local area, shared by `sendtrack worker`s.

    python bench/bench_kpi_jobs.py                        # 25,000 children (6 areas), 2 workers
    python bench/bench_kpi_jobs.py --children 172000      # 40 areas of about 4,300
    python bench/bench_kpi_jobs.py --england --workers 2  # 640,000 children, 149 areas

The multi-area data set is bench_performance.py's (one generated area imported, the others copied
in SQL), in its own PostgreSQL database (BENCH_JOBS_PG_URL, default sendtrack_bench_jobs) and
reused when it already holds the number of children asked for. The refresh is timed:

- in one process: bench_performance.refresh(), set-based over every area at once and (unless
  --skip-row-by-row) area after area;
- as the scheduler starts it: one `refresh_kpis` job that queues one task per area in the
  database queue, run by N `sendtrack worker` processes started beforehand; the time is from the
  job's row being written to the moment the last area's task marks it finished (the job's own
  timestamps), so worker start-up is not counted.

Writes var/bench/kpi_jobs.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_performance  # noqa: E402  (bench/ is not a package)

PG_URL = os.environ.get("BENCH_JOBS_PG_URL", "postgres://postgres@127.0.0.1:5432/sendtrack_bench_jobs")
SENDTRACK = [str(ROOT / ".venv" / "bin" / "sendtrack")]
WORKER_START_SECONDS = 120
JOB_SECONDS = 3600


def start_workers(count: int, url: str) -> list[subprocess.Popen[str]]:
    """N workers on the database queue; returns once each has said it started."""
    env = {**os.environ, "DATABASE_URL": url, "JOBS_BACKEND": "database", "LOG_LEVEL": "WARNING"}
    workers = [
        subprocess.Popen(  # noqa: S603
            [*SENDTRACK, "worker", "--worker-id", f"bench-{n}", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for n in range(1, count + 1)
    ]
    deadline = time.monotonic() + WORKER_START_SECONDS
    for worker in workers:
        assert worker.stdout is not None
        line = worker.stdout.readline()
        if "started" not in line or time.monotonic() > deadline:
            stop_workers(workers)
            raise RuntimeError(f"a worker did not start: {line!r}")
    return workers


def stop_workers(workers: list[subprocess.Popen[str]]) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)


def fanned_out(workers: int, url: str) -> dict[str, object]:
    from sendtrack.accounts.models import LocalArea
    from sendtrack.jobs.models import JobKind, JobStatus
    from sendtrack.jobs.services import start_job

    codes = list(
        LocalArea.objects.filter(code__startswith="B").order_by("code").values_list("code", flat=True)
    )
    running = start_workers(workers, url)
    try:
        job = start_job(
            kind=JobKind.REFRESH_KPIS,
            by=None,
            unit="areas",
            as_of=bench_performance.AS_OF.isoformat(),
            areas=codes,
        )
        deadline = time.monotonic() + JOB_SECONDS
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.finished:
                break
            if any(worker.poll() is not None for worker in running):
                raise RuntimeError("a worker stopped during the refresh")
            time.sleep(0.2)
    finally:
        stop_workers(running)
    assert job.status == JobStatus.DONE, (job.status, job.errors)
    assert job.finished_at is not None
    return {
        "workers": workers,
        "areas": len(codes),
        "done": job.done,
        "total_seconds": round((job.finished_at - job.created_at).total_seconds(), 1),
        "summary": job.summary,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=None)
    parser.add_argument("--england", action="store_true", help="640,000 children (unless --children says)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--skip-row-by-row", action="store_true", help="in one process, time only the set-based refresh"
    )
    args = parser.parse_args()
    children = args.children or (640_000 if args.england or os.environ.get("BENCH_ENGLAND") else 25_000)
    bench_performance.ensure_database(PG_URL)
    os.environ["JOBS_BACKEND"] = "database"
    bench_performance.setup_django(PG_URL)
    report: dict[str, object] = {
        "children": children,
        "as_of": bench_performance.AS_OF.isoformat(),
        "database": "postgresql",
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    report["load"] = bench_performance.load(children)
    from django.db import connection

    connection.close()  # the workers and the refresh open their own
    one_process = bench_performance.refresh(one_by_one=not args.skip_row_by_row)
    report["one_process"] = one_process
    jobs = fanned_out(args.workers, PG_URL)
    report["jobs"] = jobs
    seconds = float(jobs["total_seconds"])  # type: ignore[arg-type]
    if "row_by_row_one_area_at_a_time_seconds" in one_process:
        row_by_row = float(one_process["row_by_row_one_area_at_a_time_seconds"])  # type: ignore[arg-type]
        report["jobs_speed_up_on_one_area_at_a_time"] = round(row_by_row / seconds, 2)
    set_based = float(one_process["set_based_all_areas_seconds"])  # type: ignore[arg-type]
    report["jobs_time_over_set_based"] = round(seconds / set_based, 2)
    out = ROOT / "var" / "bench" / "kpi_jobs.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(out.read_text()) if out.exists() else {}
    runs = previous.get("runs", {}) if isinstance(previous.get("runs"), dict) else {}
    runs[f"{children}-{args.workers}"] = report
    out.write_text(json.dumps({"runs": runs}, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
