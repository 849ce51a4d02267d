"""Time the EHC plan quality page (every plan's checks) on the demo area; write var/bench/plan_quality.json.

    python bench/bench_plan_quality.py                  # the demo's 3,000 children
    python bench/bench_plan_quality.py --children 6000

The demo is generated into the PostgreSQL database sendtrack_bench_plans (BENCH_PLANS_PG_URL to
change it) and reused when it holds the children asked for. The quality page is requested through
Django's test client as the demo's SEND manager (server time, no network), and the selector behind
it (`plans_for_quality`) is timed on its own, beside the same list checked afresh on every request
(every check on every plan, as before the findings were kept with each version).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PLANS_PG_URL", "postgres://postgres@127.0.0.1:5432/sendtrack_bench_plans")
REQUESTS = 20


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timings(run, requests: int) -> dict[str, float]:
    run()  # warm up
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=REQUESTS)
    args = parser.parse_args()
    ensure_database(PG_URL)
    os.environ["DATABASE_URL"] = PG_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendtrack.settings")
    os.environ.setdefault("AXES_ENABLED", "false")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from sendtrack.accounts.models import Membership, Role
    from sendtrack.casework import access
    from sendtrack.casework.models import Person
    from sendtrack.ehcplan.checks import check_plan
    from sendtrack.ehcplan.models import PlanVersion
    from sendtrack.ehcplan.selectors import plans_for_quality

    def checked_afresh(user):
        areas = [area.pk for area in access.council_case_areas(user)]
        latest = {}
        versions = PlanVersion.objects.filter(case__local_area_id__in=areas).select_related(
            "case", "case__person"
        )
        for version in versions.order_by("case_id", "number"):
            latest[version.case_id] = version
        today = timezone.localdate()
        return [
            (v, check_plan(v.plan(), today)) for v in sorted(latest.values(), key=lambda v: v.case.case_ref)
        ]

    call_command("migrate", "--no-input", verbosity=0)
    if Person.objects.count() != args.children or not PlanVersion.objects.exists():
        started = time.perf_counter()
        call_command("flush", "--no-input", verbosity=0)
        call_command("demo_data", "--children", str(args.children), "--seed", "1", verbosity=0)
        print(f"demo of {args.children} children made in {time.perf_counter() - started:.0f} s", flush=True)
    manager = Membership.objects.filter(role=Role.SEND_MANAGER).select_related("user").first().user
    client = Client()
    client.force_login(manager)
    plans = PlanVersion.objects.count()
    rows = plans_for_quality(manager)
    report = {
        "children": args.children,
        "plan_versions": plans,
        "plans_listed": len(rows),
        "findings": sum(len(found) for _, found in rows),
        "same_as_checked_afresh": rows == checked_afresh(manager),
        "selector_checked_afresh": timings(lambda: checked_afresh(manager), args.requests),
        "selector": timings(lambda: plans_for_quality(manager), args.requests),
        "page": timings(lambda: client.get("/plans/quality/"), args.requests),
    }
    out = ROOT / "var" / "bench" / "plan_quality.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
