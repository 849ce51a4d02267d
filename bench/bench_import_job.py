"""A 25,000-case import as a job: uploaded file queued, done by one `sendtrack worker` on PostgreSQL.

    .venv/bin/python bench/bench_import_job.py [--cases 25000] [--database-url postgres://...]

Builds a fresh database, writes the generated area as sendtrack's case file (JSON Lines), starts
the import job as the upload page does, then times `sendtrack worker --batch` until the job is done
and reads its summary. Writes var/bench/import_job.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SENDTRACK = [sys.executable, "-m", "sendtrack.cli"]
START = """
from django.core.files import File
from django.core.files.storage import default_storage
from sendtrack.accounts.models import LocalArea
from sendtrack.jobs.models import JobKind
from sendtrack.jobs.services import start_job
area, _ = LocalArea.objects.get_or_create(code="990", defaults={{"name": "Benchford"}})
with open({path!r}, "rb") as f:
    name = default_storage.save("uploads/case-files/cases.jsonl", File(f))
start_job(kind=JobKind.IMPORT_CASES, by=None, area=area, unit="cases", upload=name)
"""
READ = """
from sendtrack.jobs.models import Job
job = Job.objects.latest("pk")
print("JOB", job.status, job.done, job.total, job.summary, sep="\\n")
"""


def admin(sql: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        connection.execute(sql)


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([*SENDTRACK, *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"sendtrack {' '.join(args[:2])} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=25000)
    parser.add_argument("--database", default="sendtrack_bench_import_job")
    args = parser.parse_args()
    from sendtrack.demo.generator import generate_cases
    from sendtrack.interchange.case_files import dump_case

    admin(f'DROP DATABASE IF EXISTS "{args.database}"')
    admin(f'CREATE DATABASE "{args.database}"')
    with tempfile.TemporaryDirectory() as folder:
        env = os.environ.copy()
        env.update(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{args.database}",
            JOBS_BACKEND="database",
            MEDIA_ROOT=str(Path(folder) / "media"),
        )
        run(["migrate", "--no-input"], env)
        path = Path(folder) / "cases.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for case in generate_cases("990", args.cases, seed=1, as_of=dt.date(2026, 11, 23)):
                out.write(dump_case(case) + "\n")
        run(["shell", "-c", START.format(path=str(path))], env)
        started = time.perf_counter()
        run(["worker", "--batch"], env)
        seconds = time.perf_counter() - started
        answer = run(["shell", "-c", READ], env).split("JOB\n", 1)[1]
        status, done, total, summary = answer.strip().split("\n", 3)
    worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    admin(f'DROP DATABASE IF EXISTS "{args.database}"')
    result = {
        "cases": args.cases,
        "database": "PostgreSQL",
        "job_status": status,
        "done_of_total": f"{done} of {total}",
        "worker_seconds": round(seconds, 1),
        "cases_per_second": round(args.cases / seconds, 1),
        "peak_memory_of_a_child_process_mib": round(worker_rss, 1),
        "summary": summary,
        "load_average_at_end": round(os.getloadavg()[0], 1),
    }
    out = ROOT / "var" / "bench" / "import_job.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0 if status == "done" else 1


if __name__ == "__main__":
    sys.exit(main())
