"""Benchmark the statutory risk forecast: how fast it forecasts an area, and how well it forecast the past.

    .venv/bin/python bench/bench_forecast.py --children 3000
    .venv/bin/python bench/bench_forecast.py --children 25000 --step quarter
    DATABASE_URL=postgres://... .venv/bin/python bench/bench_forecast.py --area 990 --no-backtest

Generates the demo area (the generator is plain Python, no database), then times
- reading every case's steps as of the date (the statutory engine over all events), and
- forecasting every open step from them (fit the curves once, forecast each open step, sum the area);
then runs the backtest from --from to --to and reports, for the final plan and each advice step, the
Brier score of the forecast and of both baselines, and the final plan's calibration table. With
--area and a DATABASE_URL holding that area it also times `refresh_forecast`, the stored path the
tracker reads (milestones read, forecast, rows written). Writes var/bench/forecast-<children>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendtrack.settings")

ADVICE_TO = {
    "health": "Northbridge Community Health NHS Trust",
    "social_care": "Northbridge Council",
    "educational_psychology": "Northbridge Council",
}
REPORTED = (
    "final_plan",
    "advice:health",
    "advice:social_care",
    "advice:educational_psychology",
    "advice:education",
)


def _months_before(day: dt.date, months: int) -> dt.date:
    from sendtrack.statutory.dates import months_before

    return months_before(day, months)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", default="2026-11-30")
    parser.add_argument("--from", dest="first", help="first backtest date (default: --as-of less 20 months)")
    parser.add_argument("--to", dest="last", help="last backtest date (default: 6 months before --as-of)")
    parser.add_argument("--step", default="month", choices=("month", "quarter", "week"))
    parser.add_argument("--no-backtest", action="store_true")
    parser.add_argument("--area", help="time refresh_forecast on this stored area too (needs DATABASE_URL)")
    args = parser.parse_args()

    from sendtrack.demo.generator import generate_cases
    from sendtrack.forecast.area import forecast_area
    from sendtrack.forecast.backtest import backtest, beats_baselines
    from sendtrack.forecast.steps import steps_on
    from sendtrack.statutory import parse_case

    as_of = dt.date.fromisoformat(args.as_of)
    started = time.perf_counter()
    cases = [
        parse_case(c) for c in generate_cases("999", args.children, args.seed, as_of, advice_to=ADVICE_TO)
    ]
    generated = time.perf_counter() - started

    started = time.perf_counter()
    steps = steps_on(cases, as_of)
    read_seconds = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    result = forecast_area(steps, as_of)
    forecast_seconds = time.perf_counter() - started
    forecast_cpu = time.process_time() - cpu
    summary = result.summary
    report: dict = {
        "children": args.children,
        "cases": len(cases),
        "as_of": as_of.isoformat(),
        "open_requests": summary.open_requests,
        "open_steps_forecast": len(result.forecasts),
        "generate_seconds": round(generated, 2),
        "steps_from_events_seconds": round(read_seconds, 2),
        "forecast_seconds": round(forecast_seconds, 2),
        # CPU time of this process: the wall time above grows with whatever else the machine runs.
        "forecast_cpu_seconds": round(forecast_cpu, 2),
        "load_average": os.getloadavg()[0],
        "expected_breaches": summary.expected_breaches,
        "months": [
            {"month": m.month.isoformat(), "expected": m.expected, "low": m.low, "high": m.high}
            for m in summary.months
        ],
        "what_ifs": [vars(w) for w in summary.what_ifs],
    }
    print(
        f"{args.children} children: {summary.open_requests} open requests, "
        f"{len(result.forecasts)} open steps; "
        f"steps from events {read_seconds:.2f}s, forecast {forecast_seconds:.2f}s ({forecast_cpu:.2f}s CPU)",
        flush=True,
    )

    if args.area and os.environ.get("DATABASE_URL"):
        import django

        django.setup()
        from sendtrack.accounts.models import LocalArea
        from sendtrack.casework.models import Case
        from sendtrack.forecast.services import refresh_forecast

        area = LocalArea.objects.get(code=args.area)
        refresh_forecast(area=area, as_of=as_of)  # warm up
        started, cpu = time.perf_counter(), time.process_time()
        stored = refresh_forecast(area=area, as_of=as_of)
        report["stored_area"] = {
            "cases": Case.objects.filter(local_area=area).count(),
            "open_requests": stored.open_requests,
            "open_steps": stored.steps,
            "refresh_forecast_seconds": round(time.perf_counter() - started, 2),
            "refresh_forecast_cpu_seconds": round(time.process_time() - cpu, 2),
        }
        print(f"refresh_forecast on area {args.area}: {report['stored_area']}", flush=True)

    if not args.no_backtest:
        first = dt.date.fromisoformat(args.first) if args.first else _months_before(as_of, 20)
        last = dt.date.fromisoformat(args.last) if args.last else _months_before(as_of, 6)
        started = time.perf_counter()
        scores = backtest(cases, first, last, as_of, step=args.step)
        report["backtest_seconds"] = round(time.perf_counter() - started, 1)
        report["backtest"] = {
            "from": first.isoformat(),
            "to": last.isoformat(),
            "step": args.step,
            "as_of_dates": len(scores["as_of_dates"]),
            "beats_both_baselines_for_final_plan": beats_baselines(scores),
            "steps": {kind: scores["steps"][kind] for kind in REPORTED if kind in scores["steps"]},
            "all_steps": {
                kind: {k: v for k, v in s.items() if k != "calibration"}
                for kind, s in scores["steps"].items()
            },
        }
        for kind in REPORTED:
            s = scores["steps"].get(kind)
            if s:
                print(
                    f"  {kind:32} n={s['n']:>6} forecast {s['brier']:.4f}"
                    f"  overall {s['brier_overall_baseline']:.4f}"
                    f"  by stage {s['brier_stage_baseline']:.4f}",
                    flush=True,
                )
    out = ROOT / "var" / "bench" / f"forecast-{args.children}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(f"Written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
