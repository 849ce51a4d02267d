"""Realistic case files for forecast tests: an area's past requests and a few open ones.

Past requests: a decision after 30 to 41 days, health advice from the Northbridge Community Health
NHS Trust taking 40 to 89 days, educational psychology advice 20 to 41 days, and the final plan 25
to 49 days after the last advice. Nothing is random: request `i` always has the same dates.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

TRUST = "Northbridge Community Health NHS Trust"


def _iso(day: date) -> str:
    return day.isoformat()


def past_request(index: int, received: date) -> dict[str, Any]:
    decided = received + timedelta(days=30 + index % 12)
    health = decided + timedelta(days=40 + (index * 7) % 50)
    psychology = decided + timedelta(days=20 + (index * 5) % 22)
    final = max(health, psychology) + timedelta(days=25 + (index * 3) % 25)
    return {
        "case_ref": f"NB-{index:04d}",
        "events": [
            {"type": "request_received", "date": _iso(received), "source": "parent"},
            {"type": "assessment_decision", "date": _iso(decided), "outcome": "assess"},
            {"type": "advice_requested", "date": _iso(decided), "from": "health", "to": TRUST},
            {"type": "advice_requested", "date": _iso(decided), "from": "educational_psychology"},
            {"type": "advice_received", "date": _iso(health), "from": "health"},
            {"type": "advice_received", "date": _iso(psychology), "from": "educational_psychology"},
            {"type": "draft_plan_issued", "date": _iso(final - timedelta(days=16))},
            {"type": "final_plan_issued", "date": _iso(final)},
        ],
    }


def past_requests(count: int, today: date) -> list[dict[str, Any]]:
    """`count` requests received over the 18 months before `today`, each finished before it."""
    first = today - timedelta(days=540)
    return [past_request(i, first + timedelta(days=i * 300 // max(count, 1))) for i in range(count)]


def open_request(
    case_ref: str, received: date, today: date, *, health_in: bool, psychology_in: bool = True
) -> dict[str, Any]:
    """A request decided after 30 days, both advice asked for then, some of it in by `today`."""
    decided = received + timedelta(days=30)
    events: list[dict[str, Any]] = [
        {"type": "request_received", "date": _iso(received), "source": "parent"},
        {"type": "assessment_decision", "date": _iso(decided), "outcome": "assess"},
        {"type": "advice_requested", "date": _iso(decided), "from": "health", "to": TRUST},
        {"type": "advice_requested", "date": _iso(decided), "from": "educational_psychology"},
    ]
    psychology = decided + timedelta(days=25)
    if psychology_in and psychology <= today:
        events.append({"type": "advice_received", "date": _iso(psychology), "from": "educational_psychology"})
    if health_in:
        events.append({"type": "advice_received", "date": _iso(today - timedelta(days=2)), "from": "health"})
    assert all(e["date"] <= _iso(today) for e in events)
    return {"case_ref": case_ref, "events": events}
