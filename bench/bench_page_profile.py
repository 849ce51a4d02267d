"""Where the person and tracker pages spend their time: queries, server time and a cProfile summary.

    .venv/bin/python bench/bench_page_profile.py --area 991 --cases 2000                  # quick, SQLite
    .venv/bin/python bench/bench_page_profile.py --database-url postgres://postgres@127.0.0.1:5432/sendtrack \
        --area 990 --cases 25000

Builds the area as bench_load.py does, signs in as its caseworker through Django's test client and,
for the person page and page 3 of the tracker: counts the queries (with the slowest), times
--requests requests (p50 server time and the Python process's CPU time, no network), and profiles
them with cProfile, keeping the functions with the most cumulative and own time. Times the SEN2
problems page and its check job (`--sen2-only` for that alone, `--pages-only` to leave it out).
Writes var/bench/page_profile.json.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendtrack.settings")
os.environ.setdefault("AXES_ENABLED", "false")
os.environ.setdefault("SENDTRACK_DEV_SKIP_MFA", "true")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# Jobs queued as in production, so a page visit never runs the SEN2 check itself; the bench runs it.
os.environ.setdefault("JOBS_BACKEND", "database")


def _top(profile: cProfile.Profile, sort: str, limit: int) -> list[str]:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats(sort).print_stats(limit)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return [line for line in lines[start:] if line.strip()]


def measure(client: object, paths: list[str], requests: int) -> dict[str, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get = client.get  # type: ignore[attr-defined]
    for path in paths[:3]:
        assert get(path).status_code == 200, path  # warm up
    with CaptureQueriesContext(connection) as captured:
        response = get(paths[0])
    queries = [
        {"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"][:400]} for q in captured.captured_queries
    ]
    samples = []
    cpu_started = time.process_time()
    for n in range(requests):
        started = time.perf_counter()
        get(paths[n % len(paths)])
        samples.append((time.perf_counter() - started) * 1000)
    cpu_ms = (time.process_time() - cpu_started) * 1000 / requests
    profile = cProfile.Profile()
    profile.enable()
    for n in range(requests):
        get(paths[n % len(paths)])
    profile.disable()
    return {
        "bytes": len(response.content),
        "queries": len(queries),
        "query_ms": round(sum(q["ms"] for q in queries), 2),
        "slowest_queries": sorted(queries, key=lambda q: -q["ms"])[:5],
        "p50_ms": round(statistics.median(samples), 2),
        "mean_ms": round(statistics.fmean(samples), 2),
        "python_cpu_ms": round(cpu_ms, 2),
        "profile_cumulative": _top(profile, "cumulative", 35),
        "profile_own_time": _top(profile, "tottime", 20),
    }


def _visits(client: object, url: str, count: int) -> list[float]:
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        timings.append(round((time.perf_counter() - started) * 1000, 1))
        assert response.status_code == 200, response.status_code
    return timings


def _run_queued_check() -> float:
    """Run the check the page queued, as `sendtrack worker` would; its seconds."""
    from sendtrack.jobs.models import Job, JobKind, JobStatus
    from sendtrack.jobs.tasks import run_job

    job = Job.objects.filter(kind=JobKind.SEN2_CHECK, status=JobStatus.QUEUED).latest("created_at")
    started = time.perf_counter()
    run_job.call(str(job.pk))
    return round(time.perf_counter() - started, 1)


def sen2_page(client: object, area: str) -> dict[str, object]:
    """The SEN2 problems page with the check run as a job (the jobs queued, not run in the request):
    a visit before any check, the job, visits reading the kept check, a visit after a record
    changed (says so, queues a new check), and the new check's job."""
    from sendtrack.casework.models import Person
    from sendtrack.performance.models import Sen2Check

    Sen2Check.objects.filter(local_area__code=area).delete()
    url = f"/performance/areas/{area}/sen2-issues/"
    _visits(client, "/casework/?page=3", 1)  # a first request's imports and templates, not the page's
    never_checked = _visits(client, url, 1)
    job_seconds = _run_queued_check()
    visits = _visits(client, url, 5)
    person = Person.objects.filter(local_area__code=area).order_by("pk").first()
    person.upn = "A123"  # type: ignore[union-attr]
    person.save()  # type: ignore[union-attr]
    changed = _visits(client, url, 2)
    again_seconds = _run_queued_check()
    return {
        "visit_before_any_check_ms": never_checked[0],
        "check_job_s": job_seconds,
        "first_visit_ms": visits[0],
        "later_visits_ms": visits[1:],
        "visits_after_a_change_ms": changed,
        "check_job_after_the_change_s": again_seconds,
        "visit_after_the_new_check_ms": _visits(client, url, 1)[0],
        "target_ms": 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench' / 'load.sqlite3'}")
    parser.add_argument("--area", default="991")
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--output", default="page_profile.json", help="file name under var/bench/")
    parser.add_argument("--sen2-only", action="store_true", help="time only the SEN2 problems page")
    parser.add_argument("--pages-only", action="store_true", help="leave out the SEN2 problems page")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    from bench_load import prepare

    email, refs = prepare(args)
    from django.test import Client

    from sendtrack.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    people = [f"/casework/cases/{ref}/" for ref in refs[:: max(1, len(refs) // 200)][:200]]
    import sendtrack

    report = {
        "code": str(Path(sendtrack.__file__).resolve().parent),
        "database": "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite",
        "cases": args.cases,
        "open_cases": len(refs),
        "requests": args.requests,
    }
    if not args.pages_only:
        report["sen2 problems page"] = sen2_page(client, args.area)
    if not args.sen2_only:
        report["person page"] = measure(client, people, args.requests)
        report["tracker page 3"] = measure(client, ["/casework/?page=3"], args.requests)
    out = ROOT / "var" / "bench" / args.output
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    if "sen2 problems page" in report:
        print("== SEN2 problems page:", report["sen2 problems page"])
    for page in ("person page", "tracker page 3"):
        if page not in report:
            continue
        data = report[page]
        print(
            f"== {page}: {data['queries']} queries ({data['query_ms']} ms), p50 {data['p50_ms']} ms,"
            f" Python CPU {data['python_cpu_ms']} ms"
        )
        print("\n".join(data["profile_cumulative"]))
        print("\n".join(data["profile_own_time"]))
        for q in data["slowest_queries"]:
            print(q["ms"], q["sql"][:300])
    return 0


if __name__ == "__main__":
    sys.exit(main())
