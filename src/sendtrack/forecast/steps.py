"""The steps the forecast reads: statutory milestones as they were known on one date.

A `Step` is a milestone reduced to what the forecast needs. It comes either from the engine run on
a case's events as of a date (`steps_from_timeline`, used when looking at the past) or from the
milestone rows stored at the last refresh (the casework app builds those).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sendtrack.statutory.engine import MilestoneStatus, Timeline, derive
from sendtrack.statutory.events import CaseFile

# The steps the forecast covers: a request's decision, advice, final plan and setting responses,
# and a review's decision, amendment notice and amended plan.
FORECAST_RULES: frozenset[str] = frozenset(
    {
        "assessment_decision",
        "advice",
        "final_plan",
        "setting_response",
        "review_decision",
        "amendment_notice",
        "amended_plan",
    }
)
REQUEST_RULES: frozenset[str] = frozenset({"assessment_decision", "advice", "final_plan"})


@dataclass(frozen=True, slots=True)
class Step:
    """One statutory step of a case as known on a date.

    `kind` is what durations are pooled by: the rule name, or "advice:health" for advice, since
    each agency keeps its own pace. `closed` means the step stopped applying (a refusal or a
    withdrawal) before it was done; `excepted` that a recorded exception applies to it.
    """

    case_ref: str
    journey: str | None
    key: str
    rule_name: str
    start: date
    due: date
    completed: date | None
    closed: bool
    excepted: bool
    organisation: str = ""

    @property
    def kind(self) -> str:
        return self.key if self.rule_name == "advice" else self.rule_name

    @property
    def is_open(self) -> bool:
        return self.completed is None and not self.closed

    @property
    def ident(self) -> tuple[str, str | None, str, date]:
        """The same step across derivations on different dates."""
        return (self.case_ref, self.journey, self.key, self.start)


def advice_organisations(case: CaseFile) -> dict[tuple[str, date], str]:
    """(milestone key, start) -> who the advice or consultation was addressed to, where the file says."""
    found: dict[tuple[str, date], str] = {}
    for event in case.events:
        fields = event.fields
        if event.type == "advice_requested" and fields.get("to") and event.date is not None:
            start = fields.get("received") or event.date
            found.setdefault((f"advice:{fields['from']}", start), str(fields["to"]))
        elif event.type == "setting_consulted" and event.date is not None:
            found.setdefault((f"setting_response:{fields['setting']}", event.date), str(fields["setting"]))
    return found


def steps_from_timeline(timeline: Timeline, organisations: dict[tuple[str, date], str]) -> list[Step]:
    """The forecast's steps of one derived timeline (milestones it does not cover are left out)."""
    steps: list[Step] = []
    for milestone in timeline.milestones:
        if milestone.rule_name not in FORECAST_RULES:
            continue
        steps.append(
            Step(
                case_ref=timeline.case_ref,
                journey=milestone.journey,
                key=milestone.rule,
                rule_name=milestone.rule_name,
                start=milestone.start,
                due=milestone.due,
                completed=milestone.completed,
                closed=milestone.status == MilestoneStatus.NOT_APPLICABLE,
                excepted=milestone.excepted,
                organisation=organisations.get((milestone.rule, milestone.start), ""),
            )
        )
    return steps


def steps_on(cases: Iterable[CaseFile], on: date) -> list[Step]:
    """Every case's steps as the events dated on or before `on` tell them (the engine ignores the rest)."""
    steps: list[Step] = []
    for case in cases:
        steps.extend(steps_from_timeline(derive(case, on), advice_organisations(case)))
    return steps


def journeys(steps: Iterable[Step]) -> dict[tuple[str, str], list[Step]]:
    """A request's steps grouped by (case, journey)."""
    grouped: dict[tuple[str, str], list[Step]] = {}
    for step in steps:
        if step.journey is not None and step.rule_name in REQUEST_RULES:
            grouped.setdefault((step.case_ref, step.journey), []).append(step)
    return grouped
