"""Time `sendtrack demo-data` at county and England scale; write var/bench/demo.json.

    python bench/bench_demo.py              # 25,000 children on SQLite and on PostgreSQL
    python bench/bench_demo.py --england    # and 640,000 children on PostgreSQL (long)

Each run starts from an empty database, migrates it, then loads the demo area; wall time and the
peak resident memory of the loading process tree are measured: its own and its worker processes'
(the generator's, the import's) summed, sampled from /proc every half second; beside it the
largest single process (getrusage of a fresh child).
PostgreSQL is at BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/sendtrack_bench);
the database is dropped and created for each run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
SENDTRACK = str(Path(sys.executable).parent / "sendtrack")
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/sendtrack_bench")
AS_OF = "2026-11-23"
COUNTY = 25_000
ENGLAND = 640_000
# Runs a command and prints its exit code, wall seconds, the peak RSS of its process tree (summed,
# sampled) and of its largest single process, in KiB: a fresh process, so RUSAGE_CHILDREN is that
# command's.
MEASURE = """
import os, resource, subprocess, sys, time

def tree_kib(root):
    parents, rss = {}, {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(pid)] = int(fields[1])
        rss[int(pid)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
    tree, grown = {root}, True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree, grown = tree | more, bool(more)
    return sum(rss.get(pid, 0) for pid in tree)

t = time.monotonic()
child = subprocess.Popen(sys.argv[1:])
peak = 0
while child.poll() is None:
    peak = max(peak, tree_kib(child.pid))
    time.sleep(0.5)
single = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(child.returncode, time.monotonic() - t, max(peak, single), single)
"""


def recreate_postgres(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def run(database_url: str, children: int) -> dict[str, object]:
    env = {**os.environ, "DATABASE_URL": database_url}
    migrate = [SENDTRACK, "migrate", "--no-input", "-v0", "--skip-checks"]
    subprocess.run(migrate, env=env, check=True, cwd=ROOT)
    command = [SENDTRACK, "demo-data", "--children", str(children), "--seed", "1", "--as-of", AS_OF]
    command.append("--skip-checks")
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    code, seconds, peak_kib, single_kib = result.stdout.strip().splitlines()[-1].split()
    if code != "0":
        raise SystemExit(f"demo-data failed: {result.stderr[-2000:]}")
    row: dict[str, object] = {
        "children": children,
        "seconds": round(float(seconds), 1),
        "peak_rss_mib": round(int(peak_kib) / 1024, 1),
        "largest_process_rss_mib": round(int(single_kib) / 1024, 1),
        "children_per_second": round(children / float(seconds)),
    }
    print(f"  {children:,} children: {row['seconds']} s, peak {row['peak_rss_mib']} MiB", flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--england",
        action="store_true",
        default=os.environ.get("BENCH_ENGLAND") == "1",
        help="Also load 640,000 children on PostgreSQL (or set BENCH_ENGLAND=1).",
    )
    parser.add_argument("--children", type=int, default=COUNTY)
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    results: dict[str, object] = {
        "as_of": AS_OF,
        "machine": platform.platform(),
        "python": platform.python_version(),
        "at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "runs": [],
    }
    runs: list[dict[str, object]] = results["runs"]  # type: ignore[assignment]
    if not args.skip_sqlite:
        print("SQLite", flush=True)
        with tempfile.TemporaryDirectory() as folder:
            runs.append({"database": "sqlite", **run(f"sqlite:///{folder}/bench.sqlite3", args.children)})
    if not args.skip_postgres:
        sizes = [args.children] + ([ENGLAND] if args.england else [])
        for size in sizes:
            print("PostgreSQL", flush=True)
            recreate_postgres(PG_URL)
            runs.append({"database": "postgresql", **run(PG_URL, size)})
    out = ROOT / "var" / "bench" / "demo.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(out.read_text()) if out.exists() else {}
    measured = {(r["database"], r["children"]) for r in runs}
    kept = [r for r in previous.get("runs", []) if (r["database"], r["children"]) not in measured]
    results["runs"] = kept + runs
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
