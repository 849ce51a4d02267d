"""The statutory time limits as data: one record per rule, with its citation next to it.

This is the only module that knows a period ("20 weeks"), a citation, or which exception excuses
which rule. A change in the law is a new `Rule` (and, when many rules change at once, a new
`RuleSet`) with its own `effective_from`; the old record gets an `effective_to`. See
docs/how-to/add-a-statutory-rule.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

from sendtrack.statutory.dates import (
    BeforeDayOfYear,
    Days,
    MonthsBefore,
    Period,
    TwelveMonthsStartingWith,
    Weeks,
    days,
    weeks,
)

STATUTE = "statute"
GUIDANCE = "guidance"

REGS = "SEND Regulations 2014"
CODE = "SEND Code of Practice 2015"

# The order of the rule table in docs/spec/case-events.md §2: milestones with the same start sort by it.
RULE_ORDER: tuple[str, ...] = (
    "assessment_decision",
    "advice",
    "plan_decision_refusal",
    "final_plan",
    "setting_response",
    "review_decision",
    "amendment_notice",
    "amended_plan",
    "annual_review",
    "phase_transfer_review",
)

# Who must act on an advice request, by its `from`.
ADVISERS: Mapping[str, str] = MappingProxyType(
    {
        "education": "education",
        "health": "health",
        "social_care": "social care",
        "educational_psychology": "educational psychology",
        "other": "other",
    }
)
LOCAL_AUTHORITY = "local authority"


def _frozen(mapping: dict[str, str]) -> Mapping[str, str]:
    return MappingProxyType(mapping)


@dataclass(frozen=True, slots=True, eq=False)
class Rule:
    """One statutory (or guidance) time limit.

    `when` selects the rule among records sharing a name by a field of the starting event, e.g.
    the advice rule for `from: health` (a s.31 body, statute) against other advisers (guidance).
    `exceptions` maps each exception reason that can excuse this rule to the paragraph it cites.
    `starts_before`, when set, puts the start that long before the anchor event's date (the
    phase transfer review starts 12 months before the transfer). `reading` and `overdue_note` are
    added to the milestone's explanation: how the law is read, and what an overdue milestone means.
    `plan_level` rules run off the plan's events rather than a request's journey.
    """

    name: str
    starts: str
    completed_by: tuple[str, ...]
    period: Period
    citation: str
    effective_from: date
    basis: str = STATUTE
    effective_to: date | None = None
    exceptions: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    when: tuple[str, frozenset[str]] | None = None
    starts_before: Period | None = None
    reading: str = ""
    overdue_note: str = ""
    plan_level: bool = False
    lead: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # The period in words, once: "6 weeks from", "the last day of the 12 months starting with".
        object.__setattr__(self, "lead", self.period.phrase)

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day < self.effective_to)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Rules that took effect together, on `effective_from`; each milestone names its rule set."""

    id: str
    title: str
    effective_from: date
    rules: tuple[Rule, ...]

    def __post_init__(self) -> None:
        for rule in self.rules:
            if rule.effective_from < self.effective_from:
                raise ValueError(f"rule {rule.name} takes effect before its rule set {self.id}")


@dataclass(frozen=True, slots=True)
class ExceptionReason:
    """A statutory exception to the time limits (docs/spec/case-events.md §3).

    `closure_advice` names the advice setting types whose request date is the test for a closure
    exception (None: the exception applies when its period overlaps the milestone's).
    `end_is_reopening`: the exception's `end` is the day the setting reopened, not the last day
    closed, so its length is `end - start` days; otherwise both `start` and `end` count.
    """

    reason: str
    words: str
    min_days: int = 0
    earliest: date | None = None
    latest: date | None = None
    closure_advice: frozenset[str | None] | None = None
    closure_lead_days: int = 0
    end_is_reopening: bool = False


EXCEPTION_REASONS: Mapping[str, ExceptionReason] = MappingProxyType(
    {
        "school_closure": ExceptionReason(
            "school_closure",
            "the school or college was closed",
            min_days=28,
            closure_advice=frozenset({None, "school", "post16"}),
            closure_lead_days=7,
            end_is_reopening=True,
        ),
        "early_years_closure": ExceptionReason(
            "early_years_closure",
            "the early years provider was closed",
            min_days=28,
            closure_advice=frozenset({"early_years"}),
            closure_lead_days=7,
            end_is_reopening=True,
        ),
        "exceptional_personal_circumstances": ExceptionReason(
            "exceptional_personal_circumstances", "of exceptional personal circumstances"
        ),
        "absence_from_area": ExceptionReason(
            "absence_from_area", "the family was away from the area", min_days=28
        ),
        "missed_appointment": ExceptionReason("missed_appointment", "an appointment was missed"),
        "coronavirus_2020": ExceptionReason(
            "coronavirus_2020",
            "of coronavirus",
            earliest=date(2020, 5, 1),
            latest=date(2020, 9, 25),
        ),
        # A `Week20` exception a council's SEN2 return recorded for a plan, brought in without its
        # reason or period (docs/sen2-choices.md, "Bringing a return in"): it excuses only the 20 weeks.
        "recorded_in_sen2": ExceptionReason(
            "recorded_in_sen2", "the council's SEN2 return recorded an exception to the 20 weeks"
        ),
    }
)

_CORONAVIRUS = "SEND (Coronavirus) (Amendment) Regulations 2020, SI 2020/471, reg. 2A"
_CORONAVIRUS_REVIEWS = "SEND (Coronavirus) (Amendment) Regulations 2020, SI 2020/471, reg. 18A"

SEND_REGS_2014_IN_FORCE = date(2014, 9, 1)


# The exceptions reg. 10(4) allows to the 16 weeks, which reg. 13(3) applies to the 20 weeks too.
_REG_10_4 = {
    "school_closure": "10(4)(a)",
    "early_years_closure": "10(4)(b)",
    "exceptional_personal_circumstances": "10(4)(c)",
    "absence_from_area": "10(4)(d)",
}


def _rule(name: str, **fields: Any) -> Rule:
    """A rule of the SEND Regulations 2014, in force since they were."""
    return Rule(name, effective_from=SEND_REGS_2014_IN_FORCE, **fields)


def _plan_rule(name: str, **fields: Any) -> Rule:
    """A rule run off the plan's events, which only the coronavirus easement for reviews excuses."""
    return _rule(
        name, plan_level=True, exceptions=_frozen({"coronavirus_2020": _CORONAVIRUS_REVIEWS}), **fields
    )


def _advice(citation: str, advisers: frozenset[str], basis: str = STATUTE) -> Rule:
    """The 6 weeks for advice: statute for a body asked to co-operate under s.31, guidance for others."""
    return _rule(
        "advice",
        starts="advice_requested",
        completed_by=("advice_received",),
        period=weeks(6),
        citation=citation,
        basis=basis,
        when=("from", advisers),
        exceptions=_frozen(
            {
                "exceptional_personal_circumstances": f"{REGS}, reg. 8(2)(a)",
                "absence_from_area": f"{REGS}, reg. 8(2)(b)",
                "missed_appointment": f"{REGS}, reg. 8(2)(c)",
                "coronavirus_2020": _CORONAVIRUS,
            }
        ),
    )


def _phase_transfer_review(period: Period, regulation: str, kind: str, reading: str) -> Rule:
    """The review before a move between phases: reg. 18 sets a different deadline for each kind of move."""
    return _plan_rule(
        "phase_transfer_review",
        starts="phase_transfer",
        completed_by=("amended_plan_issued", "review_decision"),
        period=period,
        citation=f"{REGS}, reg. {regulation}",
        when=("kind", frozenset({kind})),
        starts_before=MonthsBefore(12),
        reading=f" (read as {reading})",
    )


SEND_REGS_2014 = RuleSet(
    id="send-regs-2014",
    title="Children and Families Act 2014 Part 3, SEND Regulations 2014 and SEND Code of Practice",
    effective_from=SEND_REGS_2014_IN_FORCE,
    rules=(
        _rule(
            "assessment_decision",
            starts="request_received",
            completed_by=("assessment_decision",),
            period=weeks(6),
            citation=f"{REGS}, reg. 5(1)",
            exceptions=_frozen(
                {
                    "school_closure": f"{REGS}, reg. 5(4)(a)",
                    "exceptional_personal_circumstances": f"{REGS}, reg. 5(4)(b)",
                    "absence_from_area": f"{REGS}, reg. 5(4)(c)",
                    "coronavirus_2020": _CORONAVIRUS,
                }
            ),
        ),
        _advice(f"{REGS}, reg. 8(1) (a body asked to co-operate under CFA 2014 s.31)", frozenset({"health"})),
        _advice(
            f"{CODE}, chapter 9 "
            "(guidance: reg. 8(1) binds only bodies asked to co-operate under CFA 2014 s.31)",
            frozenset({"education", "social_care", "educational_psychology", "other"}),
            basis=GUIDANCE,
        ),
        _rule(
            "plan_decision_refusal",
            starts="request_received",
            completed_by=("plan_decision",),
            period=weeks(16),
            citation=f"{REGS}, reg. 10(1)",
            overdue_note=(
                ", which is a risk rather than a breach: reg. 10(1) is breached only if the decision "
                "is then a refusal"
            ),
            exceptions=_frozen(
                {reason: f"{REGS}, reg. {paragraph}" for reason, paragraph in _REG_10_4.items()}
                | {"coronavirus_2020": _CORONAVIRUS}
            ),
        ),
        _rule(
            "final_plan",
            starts="request_received",
            completed_by=("final_plan_issued",),
            period=weeks(20),
            citation=f"{REGS}, reg. 13(2)",
            exceptions=_frozen(
                {
                    reason: f"{REGS}, reg. 13(3) (read with reg. {paragraph})"
                    for reason, paragraph in _REG_10_4.items()
                }
                | {
                    "coronavirus_2020": _CORONAVIRUS,
                    "recorded_in_sen2": f"{REGS}, reg. 13(3) (as recorded in the council's SEN2 return)",
                }
            ),
        ),
        _rule(
            "setting_response",
            starts="setting_consulted",
            completed_by=("setting_responded",),
            period=days(15),
            citation=(
                f"{CODE}, 9.83 (guidance; the duty to consult is CFA 2014 s.39(2) / s.40(3), "
                "with no statutory period)"
            ),
            basis=GUIDANCE,
            exceptions=_frozen({"coronavirus_2020": _CORONAVIRUS}),
        ),
        _plan_rule(
            "review_decision",
            starts="review_meeting",
            completed_by=("review_decision",),
            period=weeks(4),
            citation=(
                f"{REGS}, reg. 20(10) (reg. 21 where the person attends no school or other institution)"
            ),
        ),
        _plan_rule(
            "amendment_notice",
            starts="review_meeting",
            completed_by=("amendment_notice",),
            period=weeks(4),
            citation=(
                f"{REGS}, reg. 20(10) read with reg. 22(2); R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)"
            ),
            reading=(
                " (the proposed amendments must come with the decision to amend, "
                "as R (L, M and P) v Devon CC [2022] reads the regulations)"
            ),
        ),
        _plan_rule(
            "amended_plan",
            starts="amendment_notice",
            completed_by=("amended_plan_issued", "amendment_withdrawn"),
            period=weeks(8),
            citation=f"{REGS}, reg. 22(3), 22(4)",
        ),
        _plan_rule(
            "annual_review",
            starts="final_plan_issued",
            completed_by=("review_meeting",),
            period=TwelveMonthsStartingWith(),
            citation="Children and Families Act 2014, s.44(1)",
            reading=" (read as the day before the same date a year later)",
        ),
        _phase_transfer_review(BeforeDayOfYear(2, 15), "18(1)(b)", "school", "on or before 14 February"),
        _phase_transfer_review(BeforeDayOfYear(3, 31), "18(1)(a)", "post16", "on or before 30 March"),
        _phase_transfer_review(MonthsBefore(5), "18(2)", "post16_to_post16", "at least 5 months before"),
    ),
)

RULE_SETS: tuple[RuleSet, ...] = (SEND_REGS_2014,)
RULES: tuple[Rule, ...] = tuple(rule for rule_set in RULE_SETS for rule in rule_set.rules)
RULE_SET_OF: Mapping[Rule, str] = MappingProxyType(
    {rule: rule_set.id for rule_set in RULE_SETS for rule in rule_set.rules}
)
RULE_NAMES: frozenset[str] = frozenset(RULE_ORDER)

# Integrity checks that are not time limits of their own (flags.py).
DRAFT_COMMENT_PERIOD = days(15)
DRAFT_COMMENT_CITATION = f"{REGS}, reg. 13(1)(a)"
PANEL_AGENCIES: tuple[str, ...] = ("education", "health", "social_care")
PANEL_QUORUM = 3


def rule_for(name: str, start: date, selector: str | None = None) -> Rule | None:
    """The rule named `name` in force on `start`, picked by `selector` when the rule has variants."""
    candidates = _BY_SELECTOR.get((name, selector))
    if candidates is None:
        candidates = _BY_SELECTOR[(name, selector)] = tuple(
            rule for rule in _BY_NAME.get(name, ()) if rule.when is None or selector in rule.when[1]
        )
    for rule in candidates:
        if rule.effective_from <= start and (rule.effective_to is None or start < rule.effective_to):
            return rule
    return None


def due_date(name: str, start: date, selector: str | None = None) -> date | None:
    """When the rule `name` in force on `start` falls due, counted from `start`; None before it existed."""
    rule = rule_for(name, start, selector)
    return None if rule is None else rule.period.due(start)


def period_in_words(name: str, on: date) -> str:
    """The time limit of the rule `name` in force on `on` in words ("20 weeks"), or "time limit"."""
    rule = rule_for(name, on)
    return rule.period.phrase.removesuffix(" from") if rule is not None else "time limit"


def days_allowed(name: str, on: date | None = None) -> int:
    """The calendar days a rule counted in days or weeks allows: in force on `on`, or the current one.

    For code that plans or checks dates in whole days (the demo generator); everything that judges a
    case uses `rule_for` and the period itself.
    """
    rules = _BY_NAME[name]
    rule = next(r for r in rules if r.in_force_on(on)) if on else next(r for r in rules if not r.effective_to)
    if not isinstance(rule.period, Weeks | Days):
        raise ValueError(f"rule {name} is not a count of days")
    return rule.period.delta.days


def _index_by_name() -> dict[str, tuple[Rule, ...]]:
    index: dict[str, list[Rule]] = {}
    for rule in RULES:
        if rule.name not in RULE_NAMES:
            raise ValueError(f"rule {rule.name} is not in RULE_ORDER")
        for reason in rule.exceptions:
            if reason not in EXCEPTION_REASONS:
                raise ValueError(f"rule {rule.name} names an unknown exception {reason}")
        index.setdefault(rule.name, []).append(rule)
    return {name: tuple(rules) for name, rules in index.items()}


_BY_NAME = _index_by_name()
_BY_SELECTOR: dict[tuple[str, str | None], tuple[Rule, ...]] = {}


def rules_excused_by(reason: str) -> frozenset[str]:
    """The rule names an exception reason can ever apply to."""
    return frozenset(rule.name for rule in RULES if reason in rule.exceptions)
