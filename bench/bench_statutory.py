"""Benchmark the statutory engine: derive throughput on one core for realistic cases.

    python bench/bench_statutory.py [--cases 100000] [--seed 2014]

Generates the cases in memory (deterministic), parses them, then times `derive` alone. Writes
var/bench/statutory.json at the repository root and prints a one-line summary.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from sendtrack.statutory import derive, parse_case, timeline_json  # noqa: E402

AS_OF = date(2026, 6, 1)
ADVISERS = ("education", "health", "social_care", "educational_psychology")


def _iso(d: date) -> str:
    return d.isoformat()


def _request(rng: random.Random, events: list[dict[str, Any]], received: date) -> date | None:
    """One assessment journey; returns the final plan date, or None if no plan was issued."""
    events.append(
        {"type": "request_received", "date": _iso(received), "source": rng.choice(("parent", "school"))}
    )
    roll = rng.random()
    decided = received + timedelta(days=rng.randint(20, 55))
    panel = rng.choice((["education", "health", "social_care"], ["education", "health"], None))
    if roll < 0.05:
        events.append(
            {"type": "request_withdrawn", "date": _iso(received + timedelta(days=rng.randint(5, 30)))}
        )
        return None
    if roll < 0.22:
        decision: dict[str, Any] = {"type": "assessment_decision", "date": _iso(decided), "outcome": "refuse"}
        if panel:
            decision["panel"] = panel
        events.append(decision)
        if rng.random() < 0.3:
            events.append(
                {
                    "type": "mediation",
                    "date": _iso(decided + timedelta(days=40)),
                    "about": "assessment_refusal",
                }
            )
        return None
    decision = {"type": "assessment_decision", "date": _iso(decided), "outcome": "assess"}
    if panel:
        decision["panel"] = panel
    events.append(decision)
    asked = decided + timedelta(days=rng.randint(1, 5))
    for adviser in rng.sample(ADVISERS, rng.randint(2, 4)):
        request: dict[str, Any] = {"type": "advice_requested", "date": _iso(asked), "from": adviser}
        if rng.random() < 0.2:
            request["received"] = _iso(asked + timedelta(days=2))
        events.append(request)
        if rng.random() < 0.95:
            events.append(
                {
                    "type": "advice_received",
                    "date": _iso(asked + timedelta(days=rng.randint(20, 60))),
                    "from": adviser,
                }
            )
    if rng.random() < 0.1:
        events.append(
            {
                "type": "plan_decision",
                "date": _iso(asked + timedelta(days=60)),
                "outcome": "refuse",
                "panel": ["education", "health", "social_care"],
            }
        )
        return None
    draft = received + timedelta(days=rng.randint(90, 150))
    events.append({"type": "draft_plan_issued", "date": _iso(draft)})
    setting = str(rng.randint(100000, 149999))
    events.append({"type": "setting_consulted", "date": _iso(draft + timedelta(days=3)), "setting": setting})
    events.append(
        {
            "type": "setting_responded",
            "date": _iso(draft + timedelta(days=rng.randint(8, 30))),
            "setting": setting,
        }
    )
    final = draft + timedelta(days=rng.randint(10, 60))
    events.append({"type": "final_plan_issued", "date": _iso(final), "setting": setting})
    return final


def _reviews(rng: random.Random, events: list[dict[str, Any]], final: date) -> None:
    meeting = final
    while True:
        meeting = meeting + timedelta(days=rng.randint(300, 400))
        if meeting > AS_OF:
            return
        events.append({"type": "review_meeting", "date": _iso(meeting)})
        if rng.random() < 0.1:
            continue
        decided = meeting + timedelta(days=rng.randint(7, 45))
        outcome = (
            rng.choice(("maintain", "maintain", "amend", "amend", "cease"))
            if rng.random() < 0.97
            else "maintain"
        )
        events.append({"type": "review_decision", "date": _iso(decided), "outcome": outcome})
        if outcome == "amend":
            notice = decided + timedelta(days=rng.randint(0, 20))
            events.append({"type": "amendment_notice", "date": _iso(notice)})
            if rng.random() < 0.9:
                kind = "amended_plan_issued" if rng.random() < 0.9 else "amendment_withdrawn"
                events.append({"type": kind, "date": _iso(notice + timedelta(days=rng.randint(20, 90)))})
        elif outcome == "cease":
            events.append(
                {"type": "plan_ceased", "date": _iso(decided + timedelta(days=30)), "reason": "needs met"}
            )
            return


def make_case(rng: random.Random, number: int) -> dict[str, Any]:
    born = date(2006, 1, 1) + timedelta(days=rng.randint(0, 365 * 15))
    events: list[dict[str, Any]] = []
    received = date(2018, 1, 1) + timedelta(days=rng.randint(0, 365 * 7))
    final = _request(rng, events, received)
    if final is None and rng.random() < 0.4:
        final = _request(rng, events, received + timedelta(days=rng.randint(200, 400)))
    if final is not None:
        if rng.random() < 0.3:
            transfer = date(final.year + rng.randint(1, 3), 9, 1)
            events.append(
                {
                    "type": "phase_transfer",
                    "date": _iso(transfer),
                    "kind": rng.choice(("school", "post16", "post16_to_post16")),
                }
            )
        _reviews(rng, events, final)
    if rng.random() < 0.05:
        events.append(
            {
                "type": "exception",
                "reason": "exceptional_personal_circumstances",
                "start": _iso(received + timedelta(days=10)),
                "end": _iso(received + timedelta(days=40)),
            }
        )
    rng.shuffle(events)  # files need not be in order
    return {
        "case_ref": f"BENCH-{number:06d}",
        "person": {"ref": f"P{number:06d}", "date_of_birth": _iso(born)},
        "events": events,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2014)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    raw = [make_case(rng, n) for n in range(args.cases)]
    event_count = sum(len(c["events"]) for c in raw)

    started = time.perf_counter()
    cases = [parse_case(c) for c in raw]
    parse_seconds = time.perf_counter() - started

    started = time.perf_counter()
    milestones = 0
    for case in cases:
        milestones += len(derive(case, AS_OF).milestones)
    seconds = time.perf_counter() - started

    # The whole of `sendtrack timeline --batch` but the file: JSON text in, JSON text out.
    sample = [json.dumps(c) for c in raw[: min(args.cases, 20_000)]]
    started = time.perf_counter()
    for line in sample:
        json.dumps(timeline_json(json.loads(line), AS_OF))
    end_to_end_seconds = time.perf_counter() - started

    result = {
        "cases": args.cases,
        "seconds": round(seconds, 3),
        "cases_per_second": round(args.cases / seconds),
        "events_per_case": round(event_count / args.cases, 1),
        "milestones_per_case": round(milestones / args.cases, 1),
        "parse_seconds": round(parse_seconds, 3),
        "parse_cases_per_second": round(args.cases / parse_seconds),
        "json_in_to_json_out_cases_per_second": round(len(sample) / end_to_end_seconds),
        "as_of": AS_OF.isoformat(),
        "seed": args.seed,
        "python": platform.python_version(),
    }
    out = REPO / "var" / "bench" / "statutory.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"statutory: derived {args.cases} cases ({result['events_per_case']} events each) in {seconds:.2f}s: "
        f"{result['cases_per_second']} cases/s (parse {result['parse_cases_per_second']} cases/s, "
        f"JSON in to JSON out {result['json_in_to_json_out_cases_per_second']} cases/s); "
        f"wrote {out.relative_to(REPO)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
