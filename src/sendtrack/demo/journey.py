"""One request for an EHC needs assessment, from request to final plan, as case-file events.

Dates are planned backwards from the final plan so that the share issued within 20 weeks follows
the calibration; every other step fits inside that span. Nothing here needs Django.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sendtrack.demo.calibration import Calibration
from sendtrack.statutory.rules import days_allowed

AGENCIES = ("education", "health", "social_care")
FINAL_PLAN_DAYS = days_allowed("final_plan")
DECISION_DAYS = days_allowed("assessment_decision")
REFUSE_TO_ISSUE_DAYS = days_allowed("plan_decision_refusal")
SETTING_RESPONSE_DAYS = days_allowed("setting_response")


@dataclass
class Outcome:
    """What became of a request: `final` is the final plan's date when one was issued."""

    final: date | None = None
    setting: str | None = None
    refused: bool = False


def iso(day: date) -> str:
    return day.isoformat()


def later(day: date, days: float) -> date:
    return day + timedelta(days=int(days))


def panel(rng: random.Random, cal: Calibration) -> list[str]:
    """The agencies present when a decision was made: sometimes one is missing."""
    present = ["education"]
    if rng.random() >= cal.assume("panel_without_health_share"):
        present.append("health")
    if rng.random() >= cal.assume("panel_without_social_care_share"):
        present.append("social_care")
    return present


def setting_type(age: int) -> str:
    if age < 4:
        return "early_years"
    return "post16" if age >= 16 else "school"


def _decision_days(rng: random.Random, cal: Calibration) -> int:
    if rng.random() < cal.assume("assessment_decision_late_share"):
        return min(DECISION_DAYS + 1 + int(rng.expovariate(1 / 20)), 110)
    return rng.randint(18, DECISION_DAYS)


def _final_days(rng: random.Random, on_time: bool, earliest: int) -> int:
    if on_time:
        return rng.randint(min(max(earliest, 98), FINAL_PLAN_DAYS), FINAL_PLAN_DAYS)
    return FINAL_PLAN_DAYS + 1 + min(int(rng.expovariate(1 / 75)), 330)


def _refused_at_assessment(rng: random.Random, cal: Calibration, events: list[dict], decided: date) -> None:
    events.append(
        {"type": "assessment_decision", "date": iso(decided), "outcome": "refuse", "panel": panel(rng, cal)}
    )
    if rng.random() < cal.assume("mediation_after_refusal_share"):
        events.append(
            {
                "type": "mediation",
                "date": iso(later(decided, rng.randint(14, 60))),
                "about": "assessment_refusal",
            }
        )
    if rng.random() < cal.assume("tribunal_after_refusal_share"):
        events.append(
            {
                "type": "tribunal_appeal",
                "date": iso(later(decided, rng.randint(30, 60))),
                "about": "assessment_refusal",
            }
        )


def _exception(rng: random.Random, received: date) -> dict:
    start = later(received, rng.randint(21, 110))
    length = rng.randint(28, 75)
    reason = rng.choices(("exceptional_personal_circumstances", "absence_from_area"), (0.7, 0.3))[0]
    return {"type": "exception", "reason": reason, "start": iso(start), "end": iso(later(start, length - 1))}


def health_days(cal: Calibration, requested: date, pace: float, low: int, high: int) -> int:
    """Days health advice takes: its place in the range by `pace` (0 quickest, 1 slowest), plus the
    trust's slowdown since the date the calibration gives (assumption `health_advice_slowdown`)."""
    slowdown = cal.assume("health_advice_slowdown")
    since = date.fromisoformat(slowdown["from"])
    extra = max((requested - since).days, 0) / 365.25 * slowdown["days_per_year"]
    return int(low + pace * (high - low) + extra)


def after_summer_closure(cal: Calibration, requested: date, days: int) -> int:
    """Education advice cannot come back while schools are shut for the summer (`summer_closure`)."""
    closure = cal.assume("summer_closure")
    shut = date.fromisoformat(f"{requested.year}-{closure['from']}")
    reopen = date.fromisoformat(f"{requested.year}-{closure['to']}")
    reply = later(requested, days)
    return (reopen - requested).days if shut <= reply < reopen else days


def _advice(
    rng: random.Random,
    cal: Calibration,
    events: list[dict],
    requested: date,
    by: date,
    age: int,
    advice_to: Mapping[str, str],
    health_pace: float,
) -> None:
    """Advice requests and replies; health advice tends to come last (the common pattern)."""
    span = max((by - requested).days - 1, 7)
    typical = {
        "education": (18, 42),
        "educational_psychology": (22, 50),
        "social_care": (20, 55),
        "health": (30, 80),
    }
    for adviser, (low, high) in typical.items():
        if adviser == "social_care" and rng.random() < 0.15:
            continue  # social care not asked: the finding of several inspections
        request = {"type": "advice_requested", "date": iso(requested), "from": adviser}
        if adviser == "education":
            request["setting_type"] = setting_type(age)
        if advice_to.get(adviser):
            request["to"] = advice_to[adviser]
        events.append(request)
        if adviser == "health":
            days = health_days(cal, requested, health_pace, low, high)
        else:
            days = rng.randint(low, high)
        if adviser == "education":
            days = after_summer_closure(cal, requested, days)
        days = min(days, span)
        events.append({"type": "advice_received", "date": iso(later(requested, days)), "from": adviser})


def capacity(cal: Calibration, day: date) -> float:
    """How much plan writing the council manages in the month of `day`, 1 on average (an assumption)."""
    return float(cal.assume("plan_writing_capacity_by_month")[str(day.month)])


def consult_settings(rng: random.Random, events: list[dict], consulted_on: date, urns: list[str]) -> None:
    for urn in urns:
        sent = later(consulted_on, rng.randint(0, 4))
        events.append({"type": "setting_consulted", "date": iso(sent), "setting": urn})
        roll = rng.random()
        if roll < 0.05:
            continue  # no reply recorded
        days = rng.randint(4, SETTING_RESPONSE_DAYS) if roll < 0.75 else rng.randint(16, 45)
        events.append({"type": "setting_responded", "date": iso(later(sent, days)), "setting": urn})


def assessment_journey(
    rng: random.Random,
    cal: Calibration,
    events: list[dict],
    received: date,
    *,
    age: int,
    candidate_settings: list[str],
    outcome: str,
    source: str,
    advice_to: Mapping[str, str] | None = None,
) -> Outcome:
    """Append one request's events. `outcome`: plan, refuse, not_issued, withdrawn.

    `advice_to` names who each adviser is (an organisation's name or a setting's URN); education
    advice goes to the first candidate setting, the school or college the child attends.
    """
    advice_to = (
        {**(advice_to or {}), "education": candidate_settings[0]} if candidate_settings else advice_to or {}
    )
    events.append({"type": "request_received", "date": iso(received), "source": source})
    decided = later(received, _decision_days(rng, cal))
    if outcome == "refuse":
        _refused_at_assessment(rng, cal, events, decided)
        return Outcome(refused=True)
    events.append(
        {"type": "assessment_decision", "date": iso(decided), "outcome": "assess", "panel": panel(rng, cal)}
    )
    advice_on = later(decided, rng.randint(0, 3))

    if outcome == "not_issued":
        refusal = later(
            received,
            rng.randint(84, REFUSE_TO_ISSUE_DAYS)
            if rng.random() < 0.8
            else rng.randint(REFUSE_TO_ISSUE_DAYS + 1, 160),
        )
        refusal = max(refusal, later(decided, 1))  # never before the decision to assess it follows
        _advice(rng, cal, events, advice_on, refusal, age, advice_to, rng.random())
        events.append(
            {"type": "plan_decision", "date": iso(refusal), "outcome": "refuse", "panel": panel(rng, cal)}
        )
        if rng.random() < 0.25:
            events.append(
                {
                    "type": "mediation",
                    "date": iso(later(refusal, rng.randint(14, 50))),
                    "about": "plan_refusal",
                }
            )
        return Outcome(refused=True)

    excepted = rng.random() < cal.assume("exception_share")
    limit = later(received, FINAL_PLAN_DAYS)
    # Slow health advice and a month short of plan writers make a late plan likelier; neither moves
    # the year's share, since `health_pace` is uniform and capacity averages 1 over the months.
    health_pace = rng.random()
    roll = health_pace if rng.random() < cal.assume("late_plans_follow_slow_health_share") else rng.random()
    share = cal.twenty_week_share(limit.year) * capacity(cal, limit)
    on_time = roll < share * (0.4 if excepted else 1.0)
    if excepted:
        events.append(_exception(rng, received))
    earliest = (advice_on - received).days + 45
    final = later(received, max(_final_days(rng, on_time, earliest), earliest + 20))
    draft = later(final, -rng.randint(15, 28))
    decision = later(draft, -rng.randint(0, 5))
    _advice(rng, cal, events, advice_on, decision, age, advice_to, health_pace)

    if outcome == "withdrawn":
        withdrawn = later(received, rng.randint((decided - received).days + 1, (final - received).days))
        events[:] = [e for e in events if e.get("date", e.get("start", "")) <= iso(withdrawn)]
        events.append({"type": "request_withdrawn", "date": iso(withdrawn)})
        return Outcome()

    events.append(
        {"type": "plan_decision", "date": iso(decision), "outcome": "issue", "panel": panel(rng, cal)}
    )
    events.append({"type": "draft_plan_issued", "date": iso(draft)})
    # A setting drawn twice among the candidates is consulted once (docs/spec/case-events.md §4).
    consulted = list(dict.fromkeys(candidate_settings))[: 1 if rng.random() < 0.7 else rng.randint(2, 3)]
    consult_settings(rng, events, later(draft, 1), consulted)
    named = consulted[0] if consulted else None
    final_event: dict = {"type": "final_plan_issued", "date": iso(final)}
    if named:
        final_event["setting"] = named
    events.append(final_event)
    if rng.random() < cal.assume("tribunal_on_content_share"):
        about = "plan_content"
        if rng.random() < 0.4:
            events.append(
                {"type": "mediation", "date": iso(later(final, rng.randint(10, 40))), "about": about}
            )
        events.append(
            {"type": "tribunal_appeal", "date": iso(later(final, rng.randint(45, 100))), "about": about}
        )
    return Outcome(final=final, setting=named)
