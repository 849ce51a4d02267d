"""Counting the case-record KPIs of `kpis.py` from plain rows. Pure Python, no Django.

The summary refresh reads stored milestones, people, decisions and disputes of one local area
into the small records below and hands them here; the tests hand in rows built by hand. Every
count is rebuilt from scratch: nothing here adds to a stored total.

Each result is a `Tally` keyed by (KPI id, period, breakdown dimension, breakdown value); the
area-wide figure has dimension and value "". A period is a calendar year ("2025") or "as_of".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sendtrack.performance import kpis
from sendtrack.statutory.dates import months_before

AS_OF_PERIOD = "as_of"
NOT_RECORDED = "not recorded"
NOT_APPLICABLE = "not_applicable"

Key = tuple[str, str, str, str]


@dataclass(frozen=True, slots=True)
class MilestoneRow:
    case_id: int
    rule: str
    rule_name: str
    journey: date | None
    start: date
    due: date
    completed: date | None
    status: str
    excepted: bool


@dataclass(frozen=True, slots=True)
class PersonFacts:
    need: str | None
    date_of_birth: date | None
    setting: str | None


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """A decision whether to assess (`assessment_decision`) or to issue a plan (`plan_decision`)."""

    case_id: int
    type: str
    date: date
    outcome: str | None
    panel_incomplete: bool | None


@dataclass(slots=True)
class Tally:
    numerator: int = 0
    denominator: int = 0
    value: float | None = None  # only for KPIs that are not a plain ratio or count (a median)

    def result(self, unit: str) -> dict[str, float | int | None]:
        if unit == kpis.COUNT:
            return {"value": self.numerator, "numerator": self.numerator, "denominator": None}
        if unit == kpis.WEEKS:
            return {"value": self.value, "numerator": None, "denominator": self.denominator}
        value = round(self.numerator / self.denominator, 3) if self.denominator else None
        return {"value": value, "numerator": self.numerator, "denominator": self.denominator}


UNKNOWN_PERSON = PersonFacts(None, None, None)


def age_on(date_of_birth: date | None, day: date) -> int | None:
    if date_of_birth is None:
        return None
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


class Counter:
    """Adds counted cases to tallies, once area-wide and once in each breakdown."""

    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        self.tallies: dict[Key, Tally] = defaultdict(Tally)

    def add(self, kpi_id: str, period: str, hit: bool | None, person: PersonFacts | None = None) -> None:
        """Count one item: in the denominator, and in the numerator when `hit`.

        For a count KPI pass `hit=None`: the item goes in the numerator only.
        """
        self._add((kpi_id, period, "", ""), hit)
        if person is None:
            return
        day = self.as_of if period == AS_OF_PERIOD else date(int(period), 12, 31)
        age = age_on(person.date_of_birth, day)
        self._add((kpi_id, period, kpis.NEED, person.need or NOT_RECORDED), hit)
        self._add(
            (kpi_id, period, kpis.AGE_GROUP, kpis.age_group(age) if age is not None else NOT_RECORDED), hit
        )
        self._add((kpi_id, period, kpis.SETTING, person.setting or NOT_RECORDED), hit)

    def _add(self, key: Key, hit: bool | None) -> None:
        tally = self.tallies[key]
        if hit is None:
            tally.numerator += 1
            return
        tally.denominator += 1
        if hit:
            tally.numerator += 1


def _disputed(row: MilestoneRow, disputes: Mapping[int, list[date]]) -> bool:
    """Mediation or a tribunal appeal started between the request and the final plan."""
    dates = disputes.get(row.case_id)
    if not dates or row.completed is None:
        return False
    opened = row.journey or row.start
    return any(opened <= day <= row.completed for day in dates)


def _completed_by(row: MilestoneRow, as_of: date) -> date | None:
    return row.completed if row.completed is not None and row.completed <= as_of else None


def count_case_kpis(
    *,
    milestones: Iterable[MilestoneRow],
    persons: Mapping[int, PersonFacts],
    decisions: Iterable[DecisionRow],
    disputes: Mapping[int, list[date]],
    open_stages: Iterable[str],
    as_of: date,
) -> dict[Key, Tally]:
    """Every case-record KPI of the catalogue, for every calendar year with data and as at `as_of`.

    Milestones that started after `as_of` and completions after it are ignored, so the figures
    for an earlier date can be worked out from milestones refreshed later.
    """
    counter = Counter(as_of)
    add = counter.add
    twelve_months_ago = months_before(as_of, 12)
    twenty_four_months_ago = months_before(as_of, 24)
    latest_open_review: dict[int, date] = {}

    for row in milestones:
        if row.start > as_of:
            continue
        person = persons.get(row.case_id, UNKNOWN_PERSON)
        completed = _completed_by(row, as_of)
        name = row.rule_name
        if name == "final_plan":
            if completed is None:
                continue
            year = str(completed.year)
            add("plans_issued", year, None, person)
            if _disputed(row, disputes):
                continue
            in_time = completed <= row.due
            add("final_plan_20wk_incl_exceptions", year, in_time, person)
            if not row.excepted:
                add("final_plan_20wk_excl_exceptions", year, in_time, person)
        elif name == "assessment_decision":
            add("requests_received", str(row.start.year), None, person)
            if completed is not None:
                add("assessment_decision_6wk", str(completed.year), completed <= row.due, person)
        elif name == "advice":
            agency = row.rule.split(":", 1)[1] if ":" in row.rule else "other"
            if completed is not None and agency in kpis.ADVICE_AGENCIES:
                add(f"advice_6wk:{agency}", str(completed.year), completed <= row.due, person)
        elif name in _DUE_BASED:
            if row.status == NOT_APPLICABLE and completed is None:
                continue
            if row.due <= as_of:
                add(
                    _DUE_BASED[name],
                    str(row.due.year),
                    completed is not None and completed <= row.due,
                    person,
                )
            if name == "annual_review" and completed is None:
                previous = latest_open_review.get(row.case_id)
                if previous is None or row.start > previous:
                    latest_open_review[row.case_id] = row.start

    for case_id, last in latest_open_review.items():
        person = persons.get(case_id, UNKNOWN_PERSON)
        add("active_plans", AS_OF_PERIOD, None, person)
        add("plans_without_review_12m", AS_OF_PERIOD, last < twelve_months_ago, person)
        add("plans_without_review_24m", AS_OF_PERIOD, last < twenty_four_months_ago, person)
        if person.need in kpis.NEED_NAMES:
            for need in kpis.NEED_NAMES:
                add(f"primary_need_mix:{need}", AS_OF_PERIOD, need == person.need)
        else:
            for need in kpis.NEED_NAMES:
                add(f"primary_need_mix:{need}", AS_OF_PERIOD, False)

    for decision in decisions:
        if decision.date > as_of:
            continue
        year = str(decision.date.year)
        if decision.type == "assessment_decision":
            add("requests_refused_share", year, decision.outcome == "refuse")
        if decision.panel_incomplete is not None:
            add("quorate_panel_decisions", year, not decision.panel_incomplete)

    for stage in open_stages:
        add("open_requests", AS_OF_PERIOD, None)
        counter._add(("open_requests", AS_OF_PERIOD, kpis.STAGE, stage), None)
        if stage in kpis.STAGE_NAMES:
            add(f"open_requests:{stage}", AS_OF_PERIOD, None)
    return dict(counter.tallies)


# Rules counted by the year they fell due (so that a review never held still counts, as late).
_DUE_BASED = {
    "annual_review": "annual_review_12m",
    "review_decision": "review_decision_4wk",
    "amended_plan": "amended_plan_8wk",
    "phase_transfer_review": "phase_transfer_on_time",
}


def period_ends_in(period: str, year: int) -> bool:
    """A calendar year "2024", academic year "2023/24" or financial year "2023-24" ending in `year`."""
    if period == str(year):
        return True
    return len(period) == 7 and period[4] in "/-" and period[:4] == str(year - 1)


def results_for(
    tallies: Mapping[Key, Tally], *, year: int | None = None
) -> dict[str, dict[str, float | int | str | None]]:
    """The area-wide value of every KPI in `tallies`: for `year` (else its latest period), and as of."""
    latest: dict[str, str] = {}
    for kpi_id, period, dim, _value in tallies:
        if dim:
            continue
        if year is not None and period != AS_OF_PERIOD and not period_ends_in(period, year):
            continue
        if period > latest.get(kpi_id, ""):
            latest[kpi_id] = period
    results: dict[str, dict[str, float | int | str | None]] = {}
    for kpi in kpis.KPIS:
        period = latest.get(kpi.id)
        if period is None:
            continue
        row: dict[str, float | int | str | None] = dict(tallies[(kpi.id, period, "", "")].result(kpi.unit))
        row["period"] = period
        results[kpi.id] = row
    return results
