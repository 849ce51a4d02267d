"""Run every benchmark script in bench/ and gather their reports into var/bench/report.md.

Each script writes its own JSON under var/bench/. Set BENCH_ENGLAND=1 to include the
national-scale (640,000 children) runs, which take several minutes each.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "var" / "bench"
ORDER = [
    "bench_statutory.py",
    "bench_demo.py",
    "bench_casework.py",
    "bench_performance.py",
    "bench_kpi_jobs.py",
    "bench_load.py",
    "bench_wrk.py",
    "bench_page_profile.py",
    "bench_board_pack.py",
    "bench_tracking_pack.py",
    "bench_forecast.py",
    "bench_sen2.py",
    "bench_sen2_import.py",
    "bench_import_job.py",
]
# The page benchmarks share one PostgreSQL database holding a 25,000-case area (code 990).
PAGES_DATABASE = "sendtrack_bench_pages"
PAGES_URL = f"postgres://postgres@127.0.0.1:5432/{PAGES_DATABASE}"


def ensure_pages_database() -> bool:
    try:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [PAGES_DATABASE]
            ).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{PAGES_DATABASE}"')
    except Exception as error:  # noqa: BLE001 - any failure means: no PostgreSQL for the page benchmarks
        print(f"PostgreSQL is not reachable ({error}); page benchmarks run on SQLite", flush=True)
        return False
    return True


def arguments_for(name: str, postgres: bool) -> tuple[list[str], dict[str, str]]:
    env = os.environ.copy()
    if (
        name
        in {
            "bench_casework.py",
            "bench_load.py",
            "bench_forecast.py",
            "bench_wrk.py",
            "bench_page_profile.py",
        }
        and postgres
    ):
        env["DATABASE_URL"] = PAGES_URL
    if name == "bench_forecast.py":
        return ["--children", "3000"] + (["--area", "990"] if postgres else []), env
    if name == "bench_load.py" and postgres:
        return ["--database-url", PAGES_URL, "--area", "990", "--cases", "25000", "--requests", "2000"], env
    if name == "bench_page_profile.py" and postgres:
        return ["--database-url", PAGES_URL, "--area", "990", "--cases", "25000"], env
    if name == "bench_wrk.py" and postgres:
        return ["--database-url", PAGES_URL, "--area", "990", "--cases", "25000"], env
    return [], env


def write_report() -> None:
    """var/bench/report.md: each script's JSON, then the sections written as markdown (before_after.md)."""
    lines = ["# Benchmark report", ""]
    for path in sorted(REPORTS.glob("*.json")):
        lines += [
            f"## {path.stem}",
            "",
            "```json",
            json.dumps(json.loads(path.read_text()), indent=2),
            "```",
            "",
        ]
    for path in sorted(REPORTS.glob("*.md")):
        if path.name != "report.md":
            lines += [path.read_text(encoding="utf-8"), ""]
    (REPORTS / "report.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    REPORTS.mkdir(parents=True, exist_ok=True)
    scripts = [ROOT / "bench" / name for name in ORDER if (ROOT / "bench" / name).exists()]
    failures = []
    postgres = ensure_pages_database()
    for script in scripts:
        print(f"== {script.name} ==", flush=True)
        started = time.perf_counter()
        args, env = arguments_for(script.name, postgres)
        result = subprocess.run([sys.executable, str(script), *args], cwd=ROOT, env=env, check=False)
        print(
            f"   {script.name} took {time.perf_counter() - started:.1f} s (exit {result.returncode})",
            flush=True,
        )
        if result.returncode != 0:
            failures.append(script.name)
    write_report()
    print(f"Report written to {REPORTS / 'report.md'}")
    if failures:
        print("Failed: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
