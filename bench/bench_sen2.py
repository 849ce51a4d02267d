"""The SEN2 return at scale: the DfE's count from it equals the KPIs, and how long the export takes.

    .venv/bin/python bench/bench_sen2.py                         # 3,000 children, seeds 1, 2 and 3
    .venv/bin/python bench/bench_sen2.py --children 25000 --seeds 1 --no-check

For each seed a fresh SQLite database under var/bench/ is migrated and given the demo area
(`sendtrack demo-data`). Then, for calendar years 2023 to 2025, the return of the next January's
census is exported, validated against the project's XML Schema, counted as the DfE counts it
(`interchange/sen2_count.py`) and compared with every 20-week KPI, including and excluding
exceptions; any difference fails the run. The return of census 15 January 2026 is timed, and its
errors and queries are counted by rule. Results go to var/bench/sen2.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "var" / "bench"
SENDTRACK = str(Path(sys.executable).parent / "sendtrack")
AS_OF = date(2026, 11, 2)
CENSUS = date(2026, 1, 15)
YEARS = (2023, 2024, 2025)


def load_area(database: Path, children: int, seed: int) -> float:
    database.unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    subprocess.run(
        [SENDTRACK, "migrate", "--no-input", "-v0", "--skip-checks"], env=env, check=True, cwd=ROOT
    )
    started = time.perf_counter()
    subprocess.run(
        [
            SENDTRACK,
            "demo-data",
            "--children",
            str(children),
            "--seed",
            str(seed),
            "--as-of",
            AS_OF.isoformat(),
        ],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def check_area(check: bool) -> dict:
    from lxml import etree

    from sendtrack.accounts.models import LocalArea
    from sendtrack.interchange.sen2_count import count_timeliness
    from sendtrack.performance.counting import results_for
    from sendtrack.performance.sen2_renderer import census_date_for, write_return
    from sendtrack.performance.services.refresh import area_tallies

    schema = etree.XMLSchema(etree.parse(str(ROOT / "src/sendtrack/interchange/data/sen2.xsd")))
    area = LocalArea.objects.get(code="999")
    result: dict = {"years": {}}
    started = time.perf_counter()
    out = io.StringIO()
    report = write_return(area=area, census_date=CENSUS, out=out, dmo="Y", dco="Y", dsco="Y")
    result["export_seconds"] = round(time.perf_counter() - started, 2)
    result["persons"] = report.persons
    result["cases"] = area.cases.count()
    result["errors_by_rule"] = dict(Counter(item.issue.rule.code for item in report.errors))
    result["queries_by_rule"] = report.queries_by_rule()
    result["schema_valid"] = schema.validate(etree.fromstring(out.getvalue().encode()))
    if not check:
        return result
    tallies = area_tallies([area.pk], AS_OF)
    for year in YEARS:
        out = io.StringIO()
        write_return(area=area, census_date=census_date_for(year + 1), out=out, dmo="Y", dco="Y", dsco="Y")
        xml = out.getvalue().encode()
        assert schema.validate(etree.fromstring(xml)), schema.error_log
        dfe = count_timeliness(io.BytesIO(xml), year)
        kpis = results_for(tallies, year=year)
        for suffix, band in (("incl_exceptions", dfe.including), ("excl_exceptions", dfe.excluding)):
            ours = kpis[f"final_plan_20wk_{suffix}"]
            assert (ours["numerator"], ours["denominator"]) == (band.within_20_weeks, band.plans), (
                year,
                suffix,
            )
            assert kpis[f"final_plan_mean_weeks_{suffix}"]["value"] == band.mean_weeks, (year, suffix)
            result["years"].setdefault(str(year), {})[suffix] = {
                "plans": band.plans,
                "within_20_weeks": band.within_20_weeks,
                "sendtrack": [ours["numerator"], ours["denominator"]],
            }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=3000)
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--no-check", action="store_true", help="only time the export and count issues")
    args = parser.parse_args()
    REPORTS.mkdir(parents=True, exist_ok=True)
    runs = {}
    for seed in [int(s) for s in args.seeds.split(",")]:
        database = REPORTS / f"sen2-{seed}.sqlite3"
        load_seconds = load_area(database, args.children, seed)
        code = (
            "import json, os, sys; sys.path.insert(0, 'bench'); os.environ['DJANGO_SETTINGS_MODULE'] = "
            "'sendtrack.settings'; import django; django.setup(); import bench_sen2; "
            f"print(json.dumps(bench_sen2.check_area({not args.no_check})))"
        )
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            print(done.stderr[-3000:])
            return 1
        runs[str(seed)] = {
            "children": args.children,
            "load_seconds": round(load_seconds, 1),
            **json.loads(done.stdout),
        }
        print(json.dumps({seed: runs[str(seed)]}, indent=1), flush=True)
        database.unlink(missing_ok=True)
    name = "sen2.json" if args.children == 3000 else f"sen2-{args.children}.json"
    (REPORTS / name).write_text(json.dumps(runs, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
