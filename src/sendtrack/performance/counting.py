"""Counting the case-record KPIs of `kpis.py` from plain rows. Pure Python, no Django.

The summary refresh reads stored milestones, people, decisions and disputes of one local area
into the small records below and hands them here; the tests hand in rows built by hand. Every
count is rebuilt from scratch: nothing here adds to a stored total.

Each result is a `Tally` keyed by (KPI id, period, breakdown dimension, breakdown value); the
area-wide figure has dimension and value "". A period is a calendar year ("2025") or "as_of".
"""

from __future__ import annotations

from collections import Counter as TimesCounted
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sendtrack.performance import kpi_terms as terms
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
    sex: str | None = None
    ethnicity: str | None = None


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
    total: int = 0  # days summed, for a mean in weeks

    def result(self, unit: str) -> dict[str, float | int | None]:
        if unit == kpis.COUNT:
            return {"value": self.numerator, "numerator": self.numerator, "denominator": None}
        if unit == kpis.WEEKS:
            value = self.value
            if value is None and self.denominator:
                value = round(self.total / self.denominator / 7, 1)
            return {"value": value, "numerator": None, "denominator": self.denominator}
        value = round(self.numerator / self.denominator, 3) if self.denominator else None
        return {"value": value, "numerator": self.numerator, "denominator": self.denominator}


UNKNOWN_PERSON = PersonFacts(None, None, None)


def age_on(date_of_birth: date | None, day: date) -> int | None:
    if date_of_birth is None:
        return None
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def case_breakdowns(person: PersonFacts, day: date) -> dict[str, str]:
    """Need, age group on `day` and setting: the breakdowns of most case-record KPIs."""
    age = age_on(person.date_of_birth, day)
    return {
        kpis.NEED: person.need or NOT_RECORDED,
        kpis.AGE_GROUP: kpis.age_group(age) if age is not None else NOT_RECORDED,
        kpis.SETTING: person.setting or NOT_RECORDED,
    }


def timeliness_breakdowns(person: PersonFacts, received: date, disputed: bool) -> dict[str, str]:
    """The DfE's breakdowns of 20-week timeliness, and the local one of disputed plans."""
    return {
        terms.AGE_AT_REQUEST: terms.age_at_request_band(age_on(person.date_of_birth, received)),
        kpis.NEED: person.need or NOT_RECORDED,
        terms.SEX: terms.sex_name(person.sex),
        terms.ETHNICITY: terms.ethnicity_name(person.ethnicity),
        terms.DISPUTE: terms.DISPUTED if disputed else terms.NOT_DISPUTED,
    }


class Counter:
    """Adds counted items to tallies, once area-wide and once in each breakdown.

    With `record=True` it also keeps which cases each figure counted, and how many times (a case
    with two requests in a year counts twice), so the list of cases behind a figure comes from
    this same counting (`drilldown.py`), never from a second definition.
    """

    def __init__(self, as_of: date, *, record: bool = False) -> None:
        self.as_of = as_of
        self.tallies: dict[Key, Tally] = defaultdict(Tally)
        self.record = record
        self.members: dict[Key, tuple[TimesCounted, TimesCounted]] = defaultdict(
            lambda: (TimesCounted(), TimesCounted())
        )

    def add(
        self,
        kpi_id: str,
        period: str,
        hit: bool | None,
        case_id: int,
        breakdowns: Mapping[str, str] | None = None,
        *,
        days: int = 0,
    ) -> None:
        """Count one item: in the denominator, and in the numerator when `hit`.

        For a count KPI pass `hit=None`: the item goes in the numerator only. `days` adds to the
        total a mean in weeks is worked out from.
        """
        self.count((kpi_id, period, "", ""), hit, case_id, days)
        for dimension, value in (breakdowns or {}).items():
            self.count((kpi_id, period, dimension, value), hit, case_id, days)

    def count(self, key: Key, hit: bool | None, case_id: int, days: int = 0) -> None:
        tally = self.tallies[key]
        tally.total += days
        if hit is None:
            tally.numerator += 1
        else:
            tally.denominator += 1
            if hit:
                tally.numerator += 1
        if self.record:
            numerator, denominator = self.members[key]
            if hit is None or hit:
                numerator[case_id] += 1
            if hit is not None:
                denominator[case_id] += 1


def _disputed(row: MilestoneRow, disputes: Mapping[int, list[date]]) -> bool:
    """Mediation or a tribunal appeal started between the request and the final plan."""
    dates = disputes.get(row.case_id)
    if not dates or row.completed is None:
        return False
    opened = row.journey or row.start
    return any(opened <= day <= row.completed for day in dates)


def _completed_by(row: MilestoneRow, as_of: date) -> date | None:
    return row.completed if row.completed is not None and row.completed <= as_of else None


def _year_end(period: str, as_of: date) -> date:
    return as_of if period == AS_OF_PERIOD else date(int(period), 12, 31)


def _count_final_plan(
    counter: Counter, row: MilestoneRow, completed: date, person: PersonFacts, disputed: bool
) -> None:
    """A plan issued: counted in every 20-week measure, as the DfE counts it from the return."""
    year = str(completed.year)
    counter.add(
        "plans_issued", year, None, row.case_id, case_breakdowns(person, date(completed.year, 12, 31))
    )
    days = (completed - row.start).days
    in_time = completed <= row.due
    over_a_year = days > terms.YEAR_BAND.days
    breakdowns = timeliness_breakdowns(person, row.start, disputed)
    for suffix in ("incl_exceptions", "excl_exceptions"):
        if suffix == "excl_exceptions" and row.excepted:
            continue
        counter.add(f"final_plan_20wk_{suffix}", year, in_time, row.case_id, breakdowns)
        counter.add(f"final_plan_mean_weeks_{suffix}", year, False, row.case_id, breakdowns, days=days)
        counter.add(
            f"final_plan_over_20wk_within_year_{suffix}",
            year,
            not in_time and not over_a_year,
            row.case_id,
            breakdowns,
        )
        counter.add(f"final_plan_over_year_{suffix}", year, over_a_year, row.case_id, breakdowns)


def _request_outcome(
    row: MilestoneRow, completed: date | None, outcomes: Mapping[tuple[int, date], str]
) -> str:
    if completed is not None:
        return "refused" if outcomes.get((row.case_id, completed)) == "refuse" else "assessed"
    if row.status == NOT_APPLICABLE and row.completed is None:
        return "withdrawn"
    return "open"


def count_case_kpis(
    *,
    milestones: Iterable[MilestoneRow],
    persons: Mapping[int, PersonFacts],
    decisions: Iterable[DecisionRow],
    disputes: Mapping[int, list[date]],
    open_stages: Iterable[tuple[int, str]],
    as_of: date,
    counter: Counter | None = None,
) -> dict[Key, Tally]:
    """Every case-record KPI of the catalogue, for every calendar year with data and as at `as_of`.

    Milestones that started after `as_of` and completions after it are ignored, so the figures
    for an earlier date can be worked out from milestones refreshed later. Requests are counted
    in the year they were received (the DfE's cohorts), plans in the year they were issued.
    """
    counter = counter or Counter(as_of)
    add = counter.add
    twelve_months_ago = months_before(as_of, 12)
    twenty_four_months_ago = months_before(as_of, 24)
    latest_open_review: dict[int, date] = {}
    decisions = [decision for decision in decisions if decision.date <= as_of]
    outcomes = {(d.case_id, d.date): d.outcome or "" for d in decisions if d.type == "assessment_decision"}

    for row in milestones:
        if row.start > as_of:
            continue
        person = persons.get(row.case_id, UNKNOWN_PERSON)
        completed = _completed_by(row, as_of)
        name = row.rule_name
        if name == "final_plan":
            if completed is not None:
                _count_final_plan(counter, row, completed, person, _disputed(row, disputes))
        elif name == "assessment_decision":
            received = str(row.start.year)
            breakdowns = case_breakdowns(person, date(row.start.year, 12, 31))
            add("requests_received", received, None, row.case_id, breakdowns)
            add(f"request_outcome:{_request_outcome(row, completed, outcomes)}", received, None, row.case_id)
            if completed is not None:
                add("assessment_decision_6wk", received, completed <= row.due, row.case_id, breakdowns)
        elif name == "advice":
            agency = row.rule.split(":", 1)[1] if ":" in row.rule else "other"
            if completed is not None and agency in kpis.ADVICE_AGENCIES:
                year = completed.year
                add(
                    f"advice_6wk:{agency}",
                    str(year),
                    completed <= row.due,
                    row.case_id,
                    case_breakdowns(person, date(year, 12, 31)),
                )
        elif name == "review_decision":
            if row.status == NOT_APPLICABLE and completed is None:
                continue
            if completed is not None or row.due <= as_of:
                year = row.start.year
                hit = completed is not None and completed <= row.due
                add(
                    "review_decision_4wk",
                    str(year),
                    hit,
                    row.case_id,
                    case_breakdowns(person, date(year, 12, 31)),
                )
        elif name in _DUE_BASED:
            if row.status == NOT_APPLICABLE and completed is None:
                continue
            if row.due <= as_of:
                hit = completed is not None and completed <= row.due
                breakdowns = case_breakdowns(person, date(row.due.year, 12, 31))
                add(_DUE_BASED[name], str(row.due.year), hit, row.case_id, breakdowns)
            if name == "annual_review" and completed is None:
                previous = latest_open_review.get(row.case_id)
                if previous is None or row.start > previous:
                    latest_open_review[row.case_id] = row.start

    for case_id, last in latest_open_review.items():
        person = persons.get(case_id, UNKNOWN_PERSON)
        breakdowns = case_breakdowns(person, as_of)
        add("active_plans", AS_OF_PERIOD, None, case_id, breakdowns)
        add("plans_without_review_12m", AS_OF_PERIOD, last < twelve_months_ago, case_id, breakdowns)
        add("plans_without_review_24m", AS_OF_PERIOD, last < twenty_four_months_ago, case_id, breakdowns)
        for need in kpis.NEED_NAMES:
            add(f"primary_need_mix:{need}", AS_OF_PERIOD, need == person.need, case_id)

    for decision in decisions:
        year = str(decision.date.year)
        if decision.type == "assessment_decision":
            add("requests_refused_share", year, decision.outcome == "refuse", decision.case_id)
        if decision.panel_incomplete is not None:
            add("quorate_panel_decisions", year, not decision.panel_incomplete, decision.case_id)

    for case_id, stage in open_stages:
        add("open_requests", AS_OF_PERIOD, None, case_id, {kpis.STAGE: stage})
        if stage in kpis.STAGE_NAMES:
            add(f"open_requests:{stage}", AS_OF_PERIOD, None, case_id)
    return dict(counter.tallies)


# Rules counted by the year they fell due (so that a review never held still counts, as late).
_DUE_BASED = {
    "annual_review": "annual_review_12m",
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
        row["comparability"] = kpi.comparability
        results[kpi.id] = row
    return results
