"""Measure a generated demo area the way the KPIs will: through the statutory engine only."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sendtrack.demo.calibration import age_band
from sendtrack.statutory import derive, parse_case


@dataclass
class AreaMeasures:
    children: int = 0
    year: int = 0
    requests: int = 0
    refusals: int = 0
    decisions: int = 0
    final_plans: int = 0
    final_plans_in_time: int = 0
    final_plans_excepted: int = 0
    final_plans_counted: int = 0
    amendments: int = 0
    amendments_late: int = 0
    advice_days: dict[str, list[int]] = field(default_factory=dict)
    active_needs: Counter[str] = field(default_factory=Counter)
    active_ages: Counter[str] = field(default_factory=Counter)
    transfers_by_year: Counter[int] = field(default_factory=Counter)
    ceased_by_year: Counter[int] = field(default_factory=Counter)
    panels: int = 0
    panels_lacking: int = 0
    open_reviews: int = 0
    overdue_reviews: int = 0

    def share(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    def summary(self) -> dict[str, float]:
        active = sum(self.active_needs.values())
        return {
            "twenty_week_share": self.share(self.final_plans_in_time, self.final_plans_counted),
            "refusal_share": self.share(self.refusals, self.decisions),
            "exception_share": self.share(self.final_plans_excepted, self.final_plans),
            "amendments_beyond_8_weeks": self.share(self.amendments_late, self.amendments),
            "panels_lacking_share": self.share(self.panels_lacking, self.panels),
            "overdue_review_share": self.share(self.overdue_reviews, self.open_reviews),
            "requests_per_child": self.share(self.requests, self.children),
            "new_plans_per_child": self.share(self.final_plans, self.children),
            "ceased_per_child": self.share(self.ceased_by_year[self.year], self.children),
            "active_share": self.share(active, self.children),
            "median_health_days": statistics.median(self.advice_days.get("health", [0])),
            "median_education_days": statistics.median(self.advice_days.get("education", [0])),
        }

    def need_mix(self) -> dict[str, float]:
        total = sum(self.active_needs.values())
        return {need: count / total for need, count in self.active_needs.items()}

    def age_mix(self) -> dict[str, float]:
        total = sum(self.active_ages.values())
        return {band: count / total for band, count in self.active_ages.items()}


def _age(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def measure(cases: list[dict], as_of: date) -> AreaMeasures:
    """Measures for the last full calendar year before `as_of`, and the caseload on `as_of`."""
    m = AreaMeasures(children=len(cases), year=as_of.year - 1)
    for raw in cases:
        _measure_case(m, raw, as_of)
    return m


def _measure_case(m: AreaMeasures, raw: dict, as_of: date) -> None:
    year = m.year
    has_plan = ceased = False
    for event in raw["events"]:
        kind = event["type"]
        day = date.fromisoformat(event["date"]) if "date" in event else None
        if kind == "request_received" and day and day.year == year:
            m.requests += 1
        elif kind in ("assessment_decision", "plan_decision"):
            m.panels += 1
            m.panels_lacking += not {"education", "health", "social_care"} <= set(event.get("panel", []))
        elif kind == "final_plan_issued":
            has_plan = True
        elif kind == "phase_transfer" and day and day <= as_of:
            m.transfers_by_year[day.year] += 1
        elif kind == "plan_ceased" and day:
            ceased = True
            m.ceased_by_year[day.year] += 1
    timeline = derive(parse_case(raw), as_of)
    for stone in timeline.milestones:
        rule = stone.rule
        if rule == "assessment_decision" and stone.start.year == year and stone.completed is not None:
            m.decisions += 1
        elif rule == "final_plan" and stone.completed is not None and stone.completed.year == year:
            m.final_plans += 1
            if stone.excepted:
                m.final_plans_excepted += 1
            else:
                m.final_plans_counted += 1
                m.final_plans_in_time += stone.status == "met"
        elif rule == "amended_plan" and stone.completed is not None and stone.completed.year == year:
            m.amendments += 1
            m.amendments_late += stone.status == "late"
        elif rule.startswith("advice:") and stone.completed is not None:
            m.advice_days.setdefault(rule.split(":", 1)[1], []).append((stone.completed - stone.start).days)
        elif rule == "annual_review" and stone.completed is None and stone.status in ("overdue", "pending"):
            m.open_reviews += 1
            m.overdue_reviews += stone.status == "overdue"
    for event in raw["events"]:
        refused = event["type"] == "assessment_decision" and event["outcome"] == "refuse"
        if refused and _request_year(raw, event) == year:
            m.refusals += 1
    if has_plan and not ceased:
        person = raw["person"]
        m.active_needs[person["primary_need"]] += 1
        m.active_ages[age_band(_age(date.fromisoformat(person["date_of_birth"]), as_of))] += 1


def _request_year(raw: dict, decision: dict) -> int:
    """The year of the request that a decision answers: the latest request on or before it."""
    requests = [
        e["date"] for e in raw["events"] if e["type"] == "request_received" and e["date"] <= decision["date"]
    ]
    return int(max(requests)[:4]) if requests else 0
