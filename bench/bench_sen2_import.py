"""Bringing in a SEN2 return at scale: cases a second and peak memory for a 25,000-person file.

    .venv/bin/python bench/bench_sen2_import.py                      # 25,000 persons, SQLite
    .venv/bin/python bench/bench_sen2_import.py --persons 2000       # a quick look
    .venv/bin/python bench/bench_sen2_import.py --database-url postgres://postgres@127.0.0.1:5432/st_bench

The return is written from the demo generator's case files by the exporter's own pure functions
(no database), stopping at the persons asked for. A fresh database is migrated and given the area;
then a child process (so its memory is the import's alone) reads the file once with the streaming
reader only (persons a second; then the first 5,000 again under tracemalloc, whose peak shows the
reader's flat memory), imports it (all new
children), and imports it again (every child matched, nothing changed). Peak memory is the child
process's maximum resident set (`resource.getrusage`), with its size before the import beside it.
The import's time includes the KPI summary and forecast refresh that follows every import.
Results go to var/bench/sen2_import.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "var" / "bench"
SENDTRACK = str(Path(sys.executable).parent / "sendtrack")
AS_OF = date(2026, 11, 2)
CENSUS = date(2026, 1, 15)
TRACED = 5000  # persons read under tracemalloc


def write_file(path: Path, persons: int, seed: int) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from sendtrack.demo.generator import generate_cases
    from sendtrack.interchange.sen2 import Collection, person_record, write_message

    collection = Collection(CENSUS, "999", "bench", datetime(2026, 1, 20, 9, 0))
    started = time.perf_counter()
    children = 0

    def records():
        nonlocal children
        written = 0
        for case in generate_cases("999", persons * 2, seed, AS_OF):
            children += 1
            record = person_record(case["person"], [case], collection)
            if record is None:
                continue
            yield record
            written += 1
            if written >= persons:
                return

    with path.open("w", encoding="utf-8") as out:
        count = write_message(out, collection, records())
    return {
        "persons": count,
        "children_generated": children,
        "file_mib": round(path.stat().st_size / 2**20, 1),
        "write_seconds": round(time.perf_counter() - started, 1),
    }


def prepare_database(url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run(
        [SENDTRACK, "migrate", "--no-input", "-v0", "--skip-checks"], env=env, check=True, cwd=ROOT
    )
    code = (
        "from sendtrack.accounts.models import LocalArea; "
        "LocalArea.objects.get_or_create(code='999', defaults={'name': 'Northbridge'})"
    )
    subprocess.run([SENDTRACK, "shell", "-c", code], env=env, check=True, cwd=ROOT)


def child(path: Path) -> None:
    """In its own process: read only, import, import again; print one JSON line."""
    import tracemalloc

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendtrack.settings")
    django.setup()
    from sendtrack.accounts.models import LocalArea
    from sendtrack.casework.models import Case, CaseEvent, Milestone
    from sendtrack.intake.services.runs import run_sen2_import
    from sendtrack.interchange.sen2_read import Sen2Reader

    result: dict = {}
    started = time.perf_counter()
    reader = Sen2Reader(str(path))
    read = sum(1 for _ in reader.persons())
    seconds = time.perf_counter() - started
    tracemalloc.start()  # slows Python several times over: a second pass, for memory alone
    traced = 0
    for _person in Sen2Reader(str(path)).persons():
        traced += 1
        if traced >= TRACED:
            break
    result["read_only"] = {
        "persons": read,
        "problems": len(reader.problems),
        "seconds": round(seconds, 1),
        "persons_per_second": round(read / seconds),
        "tracemalloc_peak_mib": round(tracemalloc.get_traced_memory()[1] / 2**20, 1),
        "tracemalloc_persons": traced,
    }
    tracemalloc.stop()
    area = LocalArea.objects.get(code="999")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    done = run_sen2_import(path, file_name=path.name, area=area, dry_run=False, as_of=AS_OF)
    seconds = time.perf_counter() - started
    if not done.result.ok:
        raise SystemExit("refused: " + "; ".join(map(str, done.result.report.errors[:5])))
    report = done.report
    result["import"] = {
        "summary": done.result.report.summary(),
        "seconds": round(seconds, 1),
        "cases_per_second": round(done.result.new_children / seconds, 1),
        "cases": Case.objects.filter(local_area=area).count(),
        "events": CaseEvent.objects.filter(case__local_area=area).count(),
        "milestones": Milestone.objects.filter(local_area=area).count(),
        "maxrss_before_mib": round(before),
        "maxrss_peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "difference_from_file": report.get("difference"),
    }
    started = time.perf_counter()
    again = run_sen2_import(path, file_name=path.name, area=area, dry_run=False, as_of=AS_OF)
    seconds = time.perf_counter() - started
    result["import_again"] = {
        "summary": again.result.report.summary(),
        "seconds": round(seconds, 1),
        "persons_per_second": round(again.result.persons / seconds, 1),
        "events_added": again.result.events_added,
        "maxrss_peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(result))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=25_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child))
        return 0
    REPORTS.mkdir(parents=True, exist_ok=True)
    path = REPORTS / f"SEN2_999_{CENSUS.year}_{args.persons}.xml"
    database = REPORTS / "sen2_import.sqlite3"
    url = args.database_url
    if not url:
        database.unlink(missing_ok=True)
        url = f"sqlite:///{database}"
    result: dict = {
        "persons_asked": args.persons,
        "database": url.split(":", 1)[0],
        "file": write_file(path, args.persons, args.seed),
    }
    print(f"file: {result['file']}", flush=True)
    prepare_database(url)
    env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        print(out.stderr[-3000:], file=sys.stderr)
        return 1
    result.update(json.loads(out.stdout.strip().splitlines()[-1]))
    result["machine"] = f"{os.cpu_count()} cores, shared with other work while measured"
    (REPORTS / "sen2_import.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
