"""KPI values counted straight from case-file events, written apart from the implementation.

The implementation counts stored milestones; this walks each case's events by hand, journey by
journey, so the two only agree if both read the rules the same way.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

TWENTY_WEEKS = timedelta(days=140)
SIX_WEEKS = timedelta(days=42)
FIFTY_TWO_WEEKS = timedelta(days=364)
FINAL_PLAN_EXCEPTIONS = {
    "school_closure",
    "early_years_closure",
    "exceptional_personal_circumstances",
    "absence_from_area",
    "coronavirus_2020",
}


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _sorted_events(case: dict, as_of: date) -> list[dict]:
    dated = [(i, e) for i, e in enumerate(case["events"]) if "date" in e and _day(e["date"]) <= as_of]
    return [e for _, e in sorted(dated, key=lambda pair: (_day(pair[1]["date"]), pair[0]))]


def _journeys(events: list[dict]) -> list[list[dict]]:
    journeys: list[list[dict]] = []
    for event in events:
        if event["type"] == "request_received":
            journeys.append([event])
        elif journeys:
            journeys[-1].append(event)
    return journeys


def _excepted(case: dict, received: date, final: date, as_of: date) -> bool:
    window_end = min(final, received + TWENTY_WEEKS)
    for event in case["events"]:
        if event["type"] != "exception" or event["reason"] not in FINAL_PLAN_EXCEPTIONS:
            continue
        if _day(event["start"]) > as_of:
            continue
        applies_to = event.get("applies_to")
        if applies_to and "final_plan" not in applies_to:
            continue
        if _day(event["start"]) <= window_end and _day(event["end"]) >= received:
            return True
    return False


def count(cases: list[dict], as_of: date, year: int) -> dict[str, tuple[int, int]]:
    """(numerator, denominator) for some KPIs in calendar `year`; counts have denominator 0."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])

    def add(kpi: str, hit: bool | None) -> None:
        if hit is None:
            tally[kpi][0] += 1
            return
        tally[kpi][1] += 1
        tally[kpi][0] += bool(hit)

    for case in cases:
        events = _sorted_events(case, as_of)
        for journey in _journeys(events):
            received = _day(journey[0]["date"])
            withdrawn = next((_day(e["date"]) for e in journey if e["type"] == "request_withdrawn"), None)
            decision = next((e for e in journey if e["type"] == "assessment_decision"), None)
            decided_first = decision is not None and (
                withdrawn is None or _day(decision["date"]) <= withdrawn
            )
            if received.year == year:
                add("requests_received", None)
                if decided_first:
                    add("assessment_decision_6wk", _day(decision["date"]) <= received + SIX_WEEKS)
                    outcome = "refused" if decision.get("outcome") == "refuse" else "assessed"
                else:
                    outcome = "withdrawn" if withdrawn is not None else "open"
                add(f"request_outcome:{outcome}", None)
            refused_at = next(
                (
                    _day(e["date"])
                    for e in journey
                    if e["type"] in ("assessment_decision", "plan_decision") and e.get("outcome") == "refuse"
                ),
                None,
            )
            final = next((_day(e["date"]) for e in journey if e["type"] == "final_plan_issued"), None)
            closed = min((d for d in (withdrawn, refused_at) if d is not None), default=None)
            if final is not None and (closed is None or final <= closed) and final.year == year:
                add("plans_issued", None)
                waited = final - received
                suffixes = ["incl_exceptions"]
                if not _excepted(case, received, final, as_of):
                    suffixes.append("excl_exceptions")
                for suffix in suffixes:
                    add(f"final_plan_20wk_{suffix}", waited <= TWENTY_WEEKS)
                    add(
                        f"final_plan_over_20wk_within_year_{suffix}", TWENTY_WEEKS < waited <= FIFTY_TWO_WEEKS
                    )
                    add(f"final_plan_over_year_{suffix}", waited > FIFTY_TWO_WEEKS)
                    tally[f"days_{suffix}"][0] += waited.days
            _count_advice(journey, withdrawn, year, add)
    return {kpi: (n, d) for kpi, (n, d) in tally.items()}


def _count_advice(journey: list[dict], withdrawn: date | None, year: int, add) -> None:
    waiting: dict[str, list[date]] = defaultdict(list)
    for event in journey:
        if withdrawn is not None and _day(event["date"]) > withdrawn:
            break
        if event["type"] == "advice_requested":
            waiting[event["from"]].append(_day(event.get("received") or event["date"]))
        elif event["type"] == "advice_received" and waiting[event["from"]]:
            asked = waiting[event["from"]].pop(0)
            got = _day(event["date"])
            if got.year == year:
                add(f"advice_6wk:{event['from']}", got <= asked + SIX_WEEKS)


def open_plans(cases: list[dict], as_of: date) -> Counter:
    """Plans maintained on `as_of` by how long since their last review (or issue)."""
    result: Counter = Counter()
    for case in cases:
        plan, last = "none", None
        for event in _sorted_events(case, as_of):
            if event["type"] == "final_plan_issued" or event["type"] == "review_meeting" and plan != "ceased":
                plan, last = "open", _day(event["date"])
            elif event["type"] == "plan_ceased" and plan == "open":
                plan = "ceased"
        if plan != "open":
            continue
        result["active"] += 1
        assert as_of.day <= 28, "keep the example date simple: the same day exists a year earlier"
        result["over_12"] += last < as_of.replace(year=as_of.year - 1)
        result["over_24"] += last < as_of.replace(year=as_of.year - 2)
    return result
