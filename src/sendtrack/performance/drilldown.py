"""The cases behind a KPI figure, taken from the very counting that made the figure.

`counting.py` is the one definition of what a KPI counts: for a drill-down it is run again for the
area with `record=True`, and the cases it counted in the figure's numerator or denominator are
listed. Only the milestones of the rules the KPI reads are loaded. The list always starts from
`Case.objects.visible_to(user)`: a number on the dashboard may count cases a board member cannot
open, and the list behind it then shows only those the user may see.
"""

from __future__ import annotations

from collections import Counter as TimesCounted
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from sendtrack.accounts.models import LocalArea, User
from sendtrack.casework.models import Case
from sendtrack.performance import kpis
from sendtrack.performance.counting import Counter
from sendtrack.performance.services.refresh import case_tallies

NUMERATOR = "numerator"
DENOMINATOR = "denominator"

# The milestone rules each family of KPIs is counted from; families not listed need none.
_RULES = {
    "final_plan_20wk_incl_exceptions": ("final_plan",),
    "final_plan_20wk_excl_exceptions": ("final_plan",),
    "final_plan_mean_weeks_incl_exceptions": ("final_plan",),
    "final_plan_mean_weeks_excl_exceptions": ("final_plan",),
    "final_plan_over_20wk_within_year_incl_exceptions": ("final_plan",),
    "final_plan_over_20wk_within_year_excl_exceptions": ("final_plan",),
    "final_plan_over_year_incl_exceptions": ("final_plan",),
    "final_plan_over_year_excl_exceptions": ("final_plan",),
    "plans_issued": ("final_plan",),
    "requests_received": ("assessment_decision",),
    "request_outcome": ("assessment_decision",),
    "assessment_decision_6wk": ("assessment_decision",),
    "advice_6wk": ("advice",),
    "review_decision_4wk": ("review_decision",),
    "amended_plan_8wk": ("amended_plan",),
    "phase_transfer_on_time": ("phase_transfer_review",),
    "annual_review_12m": ("annual_review",),
    "active_plans": ("annual_review",),
    "plans_without_review_12m": ("annual_review",),
    "plans_without_review_24m": ("annual_review",),
    "primary_need_mix": ("annual_review",),
}


@dataclass(frozen=True)
class Selection:
    period: str
    part: str = DENOMINATOR
    dimension: str = ""
    value_key: str = ""


def has_case_list(kpi: kpis.Kpi) -> bool:
    """Whether a figure of this KPI can list its cases (figures from other sources cannot)."""
    return kpi.source in (kpis.CASE_RECORDS, kpis.CASE_EVENTS)


def counted_case_ids(
    *, area: LocalArea, kpi: kpis.Kpi, selection: Selection, as_of: date
) -> TimesCounted[int]:
    """How many times each case was counted in one figure, by the counting that made the figure."""
    counter = Counter(as_of, record=True)
    case_tallies([area.pk], as_of, rules=_RULES.get(kpi.family, ()), counter=counter)
    key = (kpi.id, selection.period, selection.dimension, selection.value_key)
    if key not in counter.members:
        return TimesCounted()
    numerator, denominator = counter.members[key]
    if selection.part == NUMERATOR or kpi.unit == kpis.COUNT:
        return numerator
    return denominator


def cases_behind(
    *, user: User, area: LocalArea, kpi: kpis.Kpi, selection: Selection, as_of: date
) -> tuple[QuerySet[Case], TimesCounted[int]]:
    """The cases counted in one figure (its numerator or denominator) that `user` may see, and
    how many times the figure counted each."""
    cases = Case.objects.visible_to(user).filter(local_area=area)
    if not has_case_list(kpi):
        return cases.none(), TimesCounted()
    times = counted_case_ids(area=area, kpi=kpi, selection=selection, as_of=as_of)
    return cases.filter(pk__in=sorted(times)).select_related("person"), times
