"""Time the board pack (Word and PDF) of a demo area's improvement plan, performance section included.

    .venv/bin/python bench/bench_board_pack.py --children 25000

Builds the demo area in its own SQLite file under var/bench/ (or the database DATABASE_URL names)
unless it is already there, then renders the pack for the latest board meeting three times in each
format and writes wall and CPU seconds to var/bench/board_pack.json.
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
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        database = ROOT / "var" / "bench" / f"board-pack-{args.children}.sqlite3"
        database.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"

    import django

    django.setup()
    from django.core.management import call_command

    from sendtrack.improvement.board_report_renderer import render_board_report
    from sendtrack.improvement.models import ImprovementPlan, Meeting

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command(
        "demo_data", "--if-empty", "--children", str(args.children), "--seed", "1", stdout=StringIO()
    )
    built = time.perf_counter() - started
    plan = ImprovementPlan.objects.get()
    meeting = Meeting.objects.filter(board__local_area=plan.local_area).order_by("-held_on").first()
    results: dict[str, object] = {"children": args.children, "area_build_seconds": round(built, 1)}
    for file_format in ("docx", "pdf"):
        walls, cpus = [], []
        for _ in range(args.runs):
            wall, cpu = time.perf_counter(), time.process_time()
            content, _, _ = render_board_report(plan=plan, meeting=meeting, file_format=file_format)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        results[file_format] = {
            "wall_seconds_median": round(statistics.median(walls), 2),
            "cpu_seconds_median": round(statistics.median(cpus), 2),
            "bytes": len(content),
        }
        print(f"{file_format}: {results[file_format]}", flush=True)
    out = ROOT / "var" / "bench" / "board_pack.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
