"""Issue 20's figures before and after, measured in one run on one machine; var/bench/before_after.json.

    make bench-before-after                                   # before = cfb12c0, every part, full size
    BENCH_BEFORE=<commit> make bench-before-after
    .venv/bin/python bench/bench_before_after.py --cases 2000 --national-children 9000 \
        --children 3000 --seconds 3                          # small, to try it (about 8 minutes)

The "before" is a detached git worktree of --before under var/bench/ (reused when present), run with
this checkout's virtualenv and its `src` first on PYTHONPATH; the "after" is this checkout. The run
stops first if the virtualenv does not meet every requirement of the before commit's pyproject.toml
(from cfb12c0 to main only cryptography and pytest-xdist were added, so it does). Every
part measures the before code, then the after code, straight after each other, on PostgreSQL:

- pages: a --cases area (code 990) built by each code in its own database, served by `sendtrack
  serve` (gunicorn, 2 processes of --serve-threads threads) and loaded by `wrk -t1 -c8 -d10s`
  signed in as a caseworker (bench_wrk.py): /healthz, the tracker page 3 and person pages, with the
  access-log rows written during the run counted.
- sen2: the SEN2 problems page of that area (before_after_steps.py sen2).
- refresh: a national set of --national-children built once by the before code
  (bench_performance.py --load-only), refreshed by it twice, migrated forward by the after code
  (`migrate`), refreshed by it twice; wall and CPU of each, the stored rows' md5 (equal or not).
- demo: `demo-data --children N -v2` into a fresh database, wall time, CPU and peak memory of the
  whole process tree (the loader and any process it starts; PostgreSQL not counted), and the
  per-step times when the code prints them.

The load average is recorded at the start and end of each measurement. Writes
var/bench/before_after.json and before_after.md, and rebuilds var/bench/report.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from before_after_checkout import before_checkout, dependencies, git, resolve  # noqa: E402
from before_after_report import markdown  # noqa: E402
from before_after_system import Failure, TreeRun, load_average, machine, run_tree  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "var" / "bench"
LOGS = REPORTS / "before_after"
PARTS = ("pages", "sen2", "refresh", "demo")
PYTHON = sys.executable
STEP = re.compile(r"^\s+(.+?): ([\d.]+) s \(([\d.]+) s CPU\)\s*$", re.M)
DEMO_AS_OF = "2026-11-23"


class Code:
    """One version of sendtrack: where its source is, and the environment that runs it."""

    def __init__(self, label: str, commit: str, root: Path):
        self.label, self.commit, self.root = label, commit, root
        self.env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(root / "src"), os.environ.get("PYTHONPATH")])),
        }
        self.env.pop("DATABASE_URL", None)

    def run(self, command: list[str], log: str, env: dict[str, str] | None = None) -> tuple[str, float]:
        """Run `command` with this code, its stdout to var/bench/before_after/<log>.log and its stderr
        to <log>.err as it runs; its stdout and seconds."""
        out, err = LOGS / f"{log}.log", LOGS / f"{log}.err"
        started = time.perf_counter()
        with out.open("w", encoding="utf-8") as stdout, err.open("w", encoding="utf-8") as stderr:
            stdout.write(f"$ {' '.join(command)}\n")
            stdout.flush()
            done = subprocess.run(
                command, cwd=ROOT, env={**self.env, **(env or {})}, stdout=stdout, stderr=stderr, check=False
            )
        seconds = time.perf_counter() - started
        text = out.read_text(encoding="utf-8", errors="replace")
        if done.returncode != 0:
            problem = err.read_text(encoding="utf-8", errors="replace").strip() or text.strip()
            tail = "\n".join(problem.splitlines()[-8:])
            raise Failure(
                f"{self.label}: {' '.join(command[1:3])} failed (exit {done.returncode}); "
                f"the last lines (all in {err.relative_to(ROOT)}):\n{tail}"
            )
        return text, seconds


class Postgres:
    def __init__(self, server: str, prefix: str, keep: bool):
        self.server, self.prefix, self.keep, self.made = server.rstrip("/"), prefix, keep, []

    def url(self, name: str) -> str:
        return f"{self.server}/{self.prefix}_{name}"

    def admin(self, sql: str, params: tuple = ()) -> list:
        import psycopg

        try:
            with psycopg.connect(f"{self.server}/postgres", autocommit=True, connect_timeout=5) as connection:
                cursor = connection.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
        except psycopg.OperationalError as error:
            raise Failure(f"PostgreSQL is not reachable at {self.server}: {str(error).strip()}") from None

    def create(self, name: str, fresh: bool) -> str:
        database = f"{self.prefix}_{name}"
        if fresh:
            self.admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        if not self.admin("SELECT 1 FROM pg_database WHERE datname = %s", (database,)):
            self.admin(f'CREATE DATABASE "{database}"')
        if database not in self.made:
            self.made.append(database)
        return self.url(name)

    def count(self, name: str, sql: str) -> int | None:
        import psycopg

        try:
            with psycopg.connect(self.url(name), autocommit=True) as connection:
                return int(connection.execute(sql).fetchone()[0])
        except psycopg.errors.UndefinedTable:
            return None

    def drop_all(self) -> list[str]:
        if self.keep:
            return []
        for database in self.made:
            self.admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        return list(self.made)


def measure_pages(code: Code, pg: Postgres, args: argparse.Namespace) -> dict[str, object]:
    url = pg.create(f"pages_{code.label}", fresh=True)  # the area built by this code, nothing kept
    logged = "SELECT count(*) FROM casework_accesslog"
    output = f"before_after/wrk-{code.label}.json"
    load_start = load_average()
    _, seconds = code.run(
        [
            PYTHON,
            "bench/bench_wrk.py",
            "--database-url",
            url,
            "--area",
            "990",
            "--cases",
            str(args.cases),
            "--seconds",
            str(args.seconds),
            "--threads",
            str(args.serve_threads),
            "--output",
            output,
        ],
        f"pages-{code.label}",
    )
    load_end = load_average()
    report = json.loads((REPORTS / output).read_text())
    rows_after = pg.count(f"pages_{code.label}", logged) or 0
    # The database is new, so its access-log rows were written while bench_wrk.py ran (its sign-in and
    # the wrk runs); each person page served writes one, durable before the response is sent.
    person_requests = report["results"]["person page"]["requests"]
    report["access_log"] = {
        "rows_written": rows_after,
        "person_page_requests": person_requests,
        "every_person_page_logged": rows_after >= person_requests,
    }
    return {**report, "seconds_with_build": round(seconds, 1), "load_start": load_start, "load_end": load_end}


def measure_sen2(code: Code, pg: Postgres, args: argparse.Namespace) -> dict[str, object]:
    # The area the pages part has just built with this code; without that part, built afresh.
    url = pg.create(f"pages_{code.label}", fresh="pages" not in args.parts)
    load_start = load_average()
    stdout, seconds = code.run(
        [
            PYTHON,
            "bench/before_after_steps.py",
            "sen2",
            "--database-url",
            url,
            "--area",
            "990",
            "--cases",
            str(args.cases),
            "--visits",
            str(args.sen2_visits),
        ],
        f"sen2-{code.label}",
    )
    return {
        **json.loads(stdout.strip().splitlines()[-1]),
        "seconds": round(seconds, 1),
        "load_start": load_start,
        "load_end": load_average(),
    }


def measure_refresh(before: Code, after: Code, pg: Postgres, args: argparse.Namespace) -> dict[str, object]:
    url = pg.create("national", fresh=True)
    load_start = load_average()
    _, build = before.run(
        [PYTHON, "bench/bench_performance.py", "--children", str(args.national_children), "--load-only"],
        "refresh-build-before",
        env={"BENCH_PG_URL": url},
    )
    result: dict[str, object] = {
        "children": args.national_children,
        "built_by": "before",
        "build": {"seconds": round(build, 1), "load_start": load_start, "load_end": load_average()},
    }
    refresh = [PYTHON, "bench/before_after_steps.py", "refresh", "--database-url", url]
    stdout, _ = before.run(refresh, "refresh-before")
    result["before"] = json.loads(stdout.strip().splitlines()[-1])
    load_start = load_average()
    _, migrate = after.run(
        [PYTHON, "-m", "sendtrack.cli", "migrate", "--no-input"], "refresh-migrate", env={"DATABASE_URL": url}
    )
    result["migrate"] = {"seconds": round(migrate, 1), "load_start": load_start, "load_end": load_average()}
    stdout, _ = after.run(refresh, "refresh-after")
    result["after"] = json.loads(stdout.strip().splitlines()[-1])
    result["same_rows"] = (
        result["before"]["summary_rows_md5"] == result["after"]["summary_rows_md5"]  # type: ignore[index]
    )
    return result


def measure_demo(code: Code, pg: Postgres, args: argparse.Namespace) -> dict[str, object]:
    url = pg.create("demo", fresh=True)
    code.run(
        [PYTHON, "-m", "sendtrack.cli", "migrate", "--no-input", "-v0"],
        f"demo-migrate-{code.label}",
        env={"DATABASE_URL": url},
    )
    command = [
        PYTHON,
        "-m",
        "sendtrack.cli",
        "demo-data",
        "--children",
        str(args.children),
        "--seed",
        "1",
        "--as-of",
        DEMO_AS_OF,
        "--skip-checks",
        "-v2",
    ]
    load_start = load_average()
    run: TreeRun = run_tree(
        command,
        {**code.env, "DATABASE_URL": url},
        ROOT,
        LOGS / f"demo-{code.label}.log",
        limit=args.demo_limit,
    )
    if run.returncode != 0 and not run.stopped:
        raise Failure(
            f"{code.label}: demo-data failed (exit {run.returncode}); see var/bench/before_after/"
            f"demo-{code.label}.log:\n{run.tail}"
        )
    steps = {
        name: {"wall_s": float(wall), "cpu_s": float(cpu)} for name, wall, cpu in STEP.findall(run.stdout)
    }
    return {
        "children": args.children,
        "wall_s": round(run.wall, 1),
        "cpu_s_process_tree": round(run.cpu, 1),
        "peak_rss_mib_process_tree": round(run.peak_tree_kib / 1024, 1),
        "peak_rss_mib_largest_process": round(run.max_single_kib / 1024, 1),
        "processes_seen": run.processes,
        "steps": steps or "not printed by this code",
        "finished": not run.stopped,
        "last_output": run.tail if run.stopped else "",
        "load_start": load_start,
        "load_end": load_average(),
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--before", default=os.environ.get("BENCH_BEFORE") or "cfb12c0", help="the commit before"
    )
    parser.add_argument("--only", default=",".join(PARTS), help="parts to run, of: " + ",".join(PARTS))
    parser.add_argument("--cases", type=int, default=25_000, help="cases in the pages and SEN2 area")
    parser.add_argument("--national-children", type=int, default=640_000, help="children in the national set")
    parser.add_argument("--children", type=int, default=640_000, help="children in the England demo")
    parser.add_argument("--seconds", type=int, default=10, help="wrk's -d for each page")
    parser.add_argument(
        "--demo-limit",
        type=float,
        default=1200.0,
        help="seconds after which a demo run is stopped and reported as not finished (0: no limit)",
    )
    parser.add_argument(
        "--serve-threads",
        type=int,
        default=1,
        help="gunicorn threads a process (1: each of the 2 processes serves one request at a time)",
    )
    parser.add_argument(
        "--sen2-visits", type=int, default=3, help="timed visits of the before code's SEN2 page"
    )
    parser.add_argument(
        "--pg-server", default=os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument("--db-prefix", default="sendtrack_ba", help="the databases made are named PREFIX_...")
    parser.add_argument(
        "--keep-databases", action="store_true", help="keep the databases made (dropped by default)"
    )
    args = parser.parse_args()
    args.parts = [part.strip() for part in args.only.split(",") if part.strip()]
    unknown = sorted(set(args.parts) - set(PARTS))
    if unknown or not args.parts:
        parser.error(f"--only takes some of {', '.join(PARTS)}; not {', '.join(unknown) or 'nothing'}")
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,40}", args.db_prefix):
        parser.error("--db-prefix: lower-case letters, digits and underscores, starting with a letter")
    args.demo_limit = args.demo_limit or None
    return args


def main() -> int:
    args = parse_args()
    LOGS.mkdir(parents=True, exist_ok=True)
    pg = Postgres(args.pg_server, args.db_prefix, args.keep_databases)
    try:
        sha = resolve(args.before)
        postgres_version = pg.admin("SELECT version()")[0][0]
        if "pages" in args.parts and shutil.which("wrk") is None:
            raise Failure("wrk is not installed: `make bench-before-after` installs it (apt-get install wrk)")
        deps = dependencies(sha)
        before = Code("before", sha, before_checkout(sha))
        head = git("rev-parse", "HEAD")
        after = Code("after", head, ROOT)
    except Failure as error:
        print(f"bench_before_after: {error}", file=sys.stderr)
        return 2
    report: dict[str, object] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "commits": {
            "before": {
                "commit": sha,
                "subject": git("log", "-1", "--format=%s", sha),
                "checkout": str(before.root),
            },
            "after": {
                "commit": head,
                "subject": git("log", "-1", "--format=%s", head),
                "checkout": str(ROOT),
                "uncommitted_changes": bool(git("status", "--porcelain", "--untracked-files=no")),
            },
        },
        "machine": {**machine(), "postgres": postgres_version},
        "dependencies": deps,
        "options": {k: v for k, v in vars(args).items() if k not in {"parts"}},
        "parts": {},
        "part_seconds": {},
        "errors": {},
    }
    parts: dict[str, object] = report["parts"]  # type: ignore[assignment]
    errors: dict[str, str] = report["errors"]  # type: ignore[assignment]

    def save() -> None:
        (REPORTS / "before_after.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        (REPORTS / "before_after.md").write_text(markdown(report), encoding="utf-8")

    plans = {
        "pages": lambda: {code.label: measure_pages(code, pg, args) for code in (before, after)},
        "sen2": lambda: {code.label: measure_sen2(code, pg, args) for code in (before, after)},
        "refresh": lambda: measure_refresh(before, after, pg, args),
        "demo": lambda: {code.label: measure_demo(code, pg, args) for code in (before, after)},
    }
    try:
        for part in (p for p in PARTS if p in args.parts):
            started = time.perf_counter()
            print(f"== {part}: before {sha[:7]}, then after {head[:7]} (load {load_average()})", flush=True)
            try:
                parts[part] = plans[part]()
            except Failure as error:
                errors[part] = str(error)
                print(f"   {part} failed: {error}", file=sys.stderr, flush=True)
            report["part_seconds"][part] = round(time.perf_counter() - started, 1)  # type: ignore[index]
            print(f"   {part} took {time.perf_counter() - started:.1f} s", flush=True)
            save()
    finally:
        try:
            report["databases_dropped"] = pg.drop_all()
        except Failure as error:
            errors["cleanup"] = str(error)
        report["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
        save()
        import run_all

        run_all.write_report()
    print(f"Wrote {REPORTS / 'before_after.json'}, {REPORTS / 'before_after.md'} and {REPORTS / 'report.md'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
