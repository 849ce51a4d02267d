"""Where the person and tracker pages spend their time: queries, server time and a cProfile summary.

    .venv/bin/python bench/bench_page_profile.py --area 991 --cases 2000                  # quick, SQLite
    .venv/bin/python bench/bench_page_profile.py --database-url postgres://postgres@127.0.0.1:5432/sendtrack \
        --area 990 --cases 25000

Builds the area as bench_load.py does, signs in as its caseworker through Django's test client and,
for the person page and page 3 of the tracker: counts the queries (with the slowest), times
--requests requests (p50 server time and the Python process's CPU time, no network), and profiles
them with cProfile, keeping the functions with the most cumulative and own time. Times the SEN2
problems page (first visit and later ones). Writes var/bench/page_profile.json.
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


def sen2_page(client: object, area: str) -> dict[str, object]:
    """The SEN2 problems page: the first visit checks the whole return (as every visit did before its
    result was kept), later visits read the kept result after checking the records' fingerprint."""
    from django.core.cache import cache

    cache.clear()
    url = f"/performance/areas/{area}/sen2-issues/"
    timings = []
    for _ in range(4):
        started = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        timings.append(round((time.perf_counter() - started) * 1000, 1))
        assert response.status_code == 200, response.status_code
    return {"first_visit_ms": timings[0], "later_visits_ms": timings[1:], "target_ms": 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench' / 'load.sqlite3'}")
    parser.add_argument("--area", default="991")
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--output", default="page_profile.json", help="file name under var/bench/")
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
        "person page": measure(client, people, args.requests),
        "tracker page 3": measure(client, ["/casework/?page=3"], args.requests),
        "sen2 problems page": sen2_page(client, args.area),
    }
    out = ROOT / "var" / "bench" / args.output
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print("== SEN2 problems page:", report["sen2 problems page"])
    for page in ("person page", "tracker page 3"):
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
