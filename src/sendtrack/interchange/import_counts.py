"""What an import's source holds, counted by stage and calendar year. Pure Python, no Django.

The same stages are counted from sendtrack's stored events (intake/reconciliation.py), so the
reconciliation page can set the source beside sendtrack, before and after the import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

# Stage keys in the order the reconciliation shows them; the words are in statutory/labels.py.
STAGES = (
    "requests",
    "decided_to_assess",
    "refused_to_assess",
    "plans_issued",
    "refused_to_issue",
    "withdrawn",
    "plans_ceased",
)


def stage_of(kind: str, outcome: Any) -> str | None:
    """The stage an event of `kind` (with its `outcome`) marks, or None for events not counted."""
    if kind == "request_received":
        return "requests"
    if kind == "assessment_decision":
        return "decided_to_assess" if outcome == "assess" else "refused_to_assess"
    if kind == "final_plan_issued":
        return "plans_issued"
    if kind == "plan_decision" and outcome == "refuse":
        return "refused_to_issue"
    if kind == "request_withdrawn":
        return "withdrawn"
    if kind == "plan_ceased":
        return "plans_ceased"
    return None


class StageCounts:
    """Counts by (stage, year); `as_table()` gives {stage: {year: count}} with years as text."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, int]] = Counter()

    def add_events(self, events: Iterable[dict[str, Any]]) -> None:
        for event in events:
            stage = stage_of(str(event.get("type")), event.get("outcome"))
            day = str(event.get("date") or "")
            if stage is not None and len(day) >= 4 and day[:4].isdigit():
                self.counts[(stage, int(day[:4]))] += 1

    def add(self, stage: str, year: int, count: int = 1) -> None:
        self.counts[(stage, year)] += count

    def as_table(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {stage: {} for stage in STAGES}
        for (stage, year), count in sorted(self.counts.items()):
            table[stage][str(year)] = count
        return table
