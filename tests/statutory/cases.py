"""Small builders for case files in tests: dates are written out so a reader can check them."""

from __future__ import annotations

from datetime import date
from typing import Any

from sendtrack.statutory import Milestone, Timeline, derive, parse_case


def event(type_: str, on: str | None = None, **fields: Any) -> dict[str, Any]:
    """One event; `from_` stands for the reserved word `from`."""
    item: dict[str, Any] = {"type": type_}
    if on is not None:
        item["date"] = on
    if "from_" in fields:
        fields["from"] = fields.pop("from_")
    item.update(fields)
    return item


def case(*events: dict[str, Any], case_ref: str = "LA999-000001") -> dict[str, Any]:
    return {"case_ref": case_ref, "person": {"ref": "P000001"}, "events": list(events)}


def timeline(*events: dict[str, Any], as_of: str) -> Timeline:
    return derive(parse_case(case(*events)), date.fromisoformat(as_of))


def milestone(result: Timeline, rule: str, start: str | None = None) -> Milestone:
    """The one milestone for `rule` (and `start`, when given); fails if there is not exactly one."""
    found = [
        m for m in result.milestones if m.rule == rule and (start is None or m.start.isoformat() == start)
    ]
    assert len(found) == 1, f"expected one {rule} milestone, found {[str(m) for m in found]}"
    return found[0]


def rules(result: Timeline) -> list[str]:
    return [m.rule for m in result.milestones]


def d(text: str) -> date:
    return date.fromisoformat(text)


# The spec's own example (docs/spec/case-events.md §1).
SPEC_EXAMPLE = (
    event("request_received", "2026-01-05", source="parent"),
    event("assessment_decision", "2026-02-10", outcome="assess"),
    event("advice_requested", "2026-02-11", from_="health"),
    event("advice_received", "2026-03-30", from_="health"),
    event("draft_plan_issued", "2026-04-20"),
    event("final_plan_issued", "2026-05-29"),
)
