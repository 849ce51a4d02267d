"""Benchmark the tracker and person pages for one local area with many cases.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sendtrack .venv/bin/python bench/bench_casework.py \
        --area 990 --cases 25000 --requests 50

Loads synthetic cases into the area through `import_cases` when it holds fewer than --cases (and
reports the import rate), then times the tracker page (first page, a filtered page and an HTMX
fragment) and person pages through Django's test client. Writes p50/p95 server times in
milliseconds to var/bench/casework.json. The target is p95 <= 150 ms on PostgreSQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendtrack.settings")
os.environ.setdefault("AXES_ENABLED", "false")


def synthetic_case(n: int, area_code: str, today: dt.date, rng: random.Random) -> dict:
    """One plausible case: a request some time in the last three years, taken part of the way."""
    received = today - dt.timedelta(days=rng.randint(1, 3 * 365))
    events = [
        {"type": "request_received", "date": received.isoformat(), "source": rng.choice(["parent", "school"])}
    ]

    def add(kind: str, days: int, **fields: object) -> dt.date | None:
        day = received + dt.timedelta(days=days)
        if day > today:
            return None
        events.append({"type": kind, "date": day.isoformat(), **fields})
        return day

    decided = add("assessment_decision", rng.randint(20, 50), outcome=rng.choice(["assess"] * 4 + ["refuse"]))
    if decided and events[-1]["outcome"] == "assess":
        for adviser in ("health", "educational_psychology", "social_care"):
            add("advice_requested", rng.randint(40, 52), **{"from": adviser})
        for adviser in ("health", "educational_psychology", "social_care"):
            add("advice_received", rng.randint(70, 110), **{"from": adviser})
        if add("draft_plan_issued", rng.randint(100, 130)):
            add("setting_consulted", rng.randint(105, 132), setting=str(100000 + n % 40))
            add("setting_responded", rng.randint(115, 150), setting=str(100000 + n % 40))
            final = add("final_plan_issued", rng.randint(130, 180))
            if final:
                add("review_meeting", rng.randint(480, 560))
    needs = ["ASD", "SLCN", "SEMH", "MLD", "SLD", "SPLD", "PD", "HI"]
    return {
        "case_ref": f"{area_code}-{n:06d}",
        "person": {
            "ref": f"B{n:07d}",
            "given_name": rng.choice(["Ada", "Ben", "Cara", "Dev", "Ela", "Finn", "Gus", "Hana"]),
            "family_name": rng.choice(["Khan", "Smith", "Jones", "Patel", "Brown", "Evans", "Wood"]),
            "date_of_birth": (today - dt.timedelta(days=rng.randint(3 * 365, 18 * 365))).isoformat(),
            "primary_need": rng.choice(needs),
            "setting": str(100000 + n % 40),
        },
        "events": events,
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(client, url: str, requests: int, headers: dict | None = None) -> dict[str, float]:
    client.get(url, headers=headers or {})  # warm up
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url, headers=headers or {})
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "requests": requests,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--area", default="990", help="DfE code of the benchmark area (created if missing)")
    parser.add_argument("--cases", type=int, default=25000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from sendtrack.accounts.models import LocalArea, Membership, Organisation, OrganisationKind, Role, User
    from sendtrack.casework.models import Case
    from sendtrack.casework.services import import_cases

    area, _ = LocalArea.objects.get_or_create(
        code=args.area, defaults={"name": f"Benchmark area {args.area}"}
    )
    council, _ = Organisation.objects.get_or_create(
        local_area=area, name=f"{area.name} Council", defaults={"kind": OrganisationKind.LOCAL_AUTHORITY}
    )
    for n in range(40):
        Organisation.objects.get_or_create(
            local_area=area,
            name=f"Bench school {n}",
            defaults={"kind": OrganisationKind.SETTING, "urn": str(100000 + n)},
        )
    user, _ = User.objects.get_or_create(
        email=f"bench-caseworker-{args.area}@example.org", defaults={"full_name": "Bench Caseworker"}
    )
    Membership.objects.get_or_create(user=user, organisation=council, role=Role.CASEWORKER)

    result: dict[str, object] = {"database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]}
    have = Case.objects.filter(local_area=area).count()
    if have < args.cases:
        today = timezone.localdate()
        rng = random.Random(args.seed)
        lines = (json.dumps(synthetic_case(n, args.area, today, rng)) for n in range(have, args.cases))
        start = time.perf_counter()
        report = import_cases(lines, area=area)
        seconds = time.perf_counter() - start
        assert report.ok, report.errors[:5]
        result["import"] = {
            "cases": report.created,
            "seconds": round(seconds, 1),
            "cases_per_second": round(report.created / seconds),
        }
        print(f"Imported {report.created} cases in {seconds:.1f} s ({report.created / seconds:.0f} a second)")
    result["cases"] = Case.objects.filter(local_area=area).count()

    client = Client()
    client.force_login(user)
    refs = list(
        Case.objects.filter(local_area=area, open=True).order_by("?").values_list("case_ref", flat=True)[:10]
    )
    result["tracker"] = timed(client, "/casework/", args.requests)
    result["tracker_filtered"] = timed(client, "/casework/?agency=health&overdue=on&page=3", args.requests)
    result["tracker_htmx"] = timed(
        client, "/casework/?stage=assessing", args.requests, {"HX-Request": "true"}
    )
    person_times = []
    for ref in refs:
        person_times.append(timed(client, f"/casework/cases/{ref}/", max(1, args.requests // len(refs))))
    result["person"] = {
        "p50_ms": round(statistics.median(t["p50_ms"] for t in person_times), 1),
        "p95_ms": round(max(t["p95_ms"] for t in person_times), 1),
        "requests": sum(t["requests"] for t in person_times),
    }
    result["target_p95_ms"] = 150
    out = Path(settings.VAR_DIR) / "bench" / "casework.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
