"""Time an inspection tracking pack (PDF and zip) for demo children, and the self-evaluation.

    .venv/bin/python bench/bench_tracking_pack.py --children 3000

Builds the demo area in its own SQLite file under var/bench/ (or the database DATABASE_URL names)
unless it is already there, records an inspection, names a SEND manager as its lead and the six
children with the most events (each with a written plan) as tracked, then makes each pack and
writes wall and CPU seconds per pack, and for the self-evaluation page and Word file, to
var/bench/tracking_pack.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendtrack.settings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--children", type=int, default=3000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        database = ROOT / "var" / "bench" / f"tracking-pack-{args.children}.sqlite3"
        database.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count
    from django.utils import timezone

    from sendtrack.accounts.models import LocalArea, Membership, OrganisationKind, Role
    from sendtrack.casework.models import Case
    from sendtrack.ehcplan.models import PlanVersion
    from sendtrack.inspection.packs import make_pack
    from sendtrack.inspection.self_evaluation_figures import assemble
    from sendtrack.inspection.self_evaluation_word import write_docx
    from sendtrack.inspection.services import record_notification
    from sendtrack.inspection.tracking_services import add_named_child, name_lead

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command(
        "demo_data", "--if-empty", "--children", str(args.children), "--seed", "1", stdout=StringIO()
    )
    built = time.perf_counter() - started
    area = LocalArea.objects.order_by("pk").first()
    manager = (
        Membership.objects.current()
        .filter(
            organisation__local_area=area,
            organisation__kind=OrganisationKind.LOCAL_AUTHORITY,
            role=Role.SEND_MANAGER,
        )
        .select_related("user")
        .first()
        .user
    )
    notification = record_notification(area=area, by=manager, notified_on=timezone.localdate())
    name_lead(notification=notification, user=manager, by=manager)
    richest = (
        Case.objects.filter(local_area=area, pk__in=PlanVersion.objects.values("case_id"))
        .annotate(events_count=Count("events"))
        .order_by("-events_count", "case_ref")[:6]
    )
    results: dict[str, object] = {"children": args.children, "area_build_seconds": round(built, 1)}
    walls, cpus, sizes, events = [], [], [], []
    for case in richest:
        tracked = add_named_child(notification=notification, case_ref=case.case_ref, by=manager)
        wall, cpu = time.perf_counter(), time.process_time()
        made = make_pack(tracked, by=manager)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        from django.core.files.storage import default_storage

        sizes.append(default_storage.size(made.pack_pdf) + default_storage.size(made.pack_zip))
        events.append(case.events_count)  # type: ignore[attr-defined]
    results["tracking_pack"] = {
        "packs": len(walls),
        "events_per_case": events,
        "wall_seconds_median": round(statistics.median(walls), 2),
        "wall_seconds_max": round(max(walls), 2),
        "cpu_seconds_median": round(statistics.median(cpus), 2),
        "bytes_median": int(statistics.median(sizes)),
    }
    print(f"tracking pack: {results['tracking_pack']}", flush=True)
    wall, cpu = time.perf_counter(), time.process_time()
    content = assemble(area)
    word = write_docx(content)
    results["self_evaluation"] = {
        "wall_seconds": round(time.perf_counter() - wall, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "measures": len(content["measures"]),
        "docx_bytes": len(word),
    }
    print(f"self-evaluation: {results['self_evaluation']}", flush=True)
    out = ROOT / "var" / "bench" / "tracking_pack.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
