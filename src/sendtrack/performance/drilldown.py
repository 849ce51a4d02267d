"""The cases behind a KPI figure: the same selection as `counting.py`, written as a queryset.

Always starts from `Case.objects.visible_to(user)`: a number on the dashboard may count cases a
board member cannot open, and the list behind it then shows only those the user may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404

from sendtrack.accounts.models import LocalArea, User
from sendtrack.casework.models import Case, CaseEvent, Milestone
from sendtrack.performance import kpis
from sendtrack.performance.counting import AS_OF_PERIOD, NOT_RECORDED
from sendtrack.performance.services.refresh import DISPUTE_TYPES
from sendtrack.statutory.dates import months_before

NUMERATOR = "numerator"
DENOMINATOR = "denominator"

_COMPLETED_IN_YEAR = {"assessment_decision_6wk": "assessment_decision", "advice_6wk": "advice"}
_DUE_IN_YEAR = {
    "annual_review_12m": "annual_review",
    "review_decision_4wk": "review_decision",
    "amended_plan_8wk": "amended_plan",
    "phase_transfer_on_time": "phase_transfer_review",
}


@dataclass(frozen=True)
class Selection:
    period: str
    part: str = DENOMINATOR
    dimension: str = ""
    value_key: str = ""


def has_case_list(kpi: kpis.Kpi) -> bool:
    """Whether a figure of this KPI can list its cases (figures from other sources cannot)."""
    return kpi.source in (kpis.CASE_RECORDS, kpis.CASE_EVENTS) and kpi.family != "quorate_panel_decisions"


def _year_range(period: str) -> tuple[date, date]:
    """The calendar year a period names; a period that is not a year is not a page (404, not 500)."""
    try:
        year = int(period)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError as error:
        raise Http404("No such period") from error


def _milestones(kpi: kpis.Kpi, selection: Selection, as_of: date, area: LocalArea) -> Q | None:
    """A filter on Milestone (OuterRef case) for the milestone-based KPIs, or None."""
    hit = selection.part == NUMERATOR
    # Naming the area lets the database use the milestones' (area, rule, due) index.
    milestones = Milestone.objects.filter(local_area=area)
    family = kpi.family
    if family.startswith("final_plan_20wk") or family == "plans_issued":
        first, last = _year_range(selection.period)
        query = milestones.filter(
            case=OuterRef("pk"), rule_name="final_plan", completed__range=(first, min(last, as_of))
        )
        if family != "plans_issued":
            disputed = CaseEvent.objects.filter(
                case=OuterRef("case_id"),
                type__in=DISPUTE_TYPES,
                date__gte=OuterRef("journey"),
                date__lte=OuterRef("completed"),
            )
            query = query.filter(~Exists(disputed))
            if family.endswith("excl_exceptions"):
                query = query.filter(excepted=False)
            if hit:
                query = query.filter(completed__lte=F("due"))
        return Q(Exists(query))
    if family == "requests_received":
        first, last = _year_range(selection.period)
        return Q(
            Exists(
                milestones.filter(
                    case=OuterRef("pk"),
                    rule_name="assessment_decision",
                    start__range=(first, min(last, as_of)),
                )
            )
        )
    if family in _COMPLETED_IN_YEAR:
        first, last = _year_range(selection.period)
        query = milestones.filter(
            case=OuterRef("pk"),
            rule_name=_COMPLETED_IN_YEAR[family],
            completed__range=(first, min(last, as_of)),
        )
        if family == "advice_6wk":
            query = query.filter(rule=f"advice:{kpi.member}")
        if hit:
            query = query.filter(completed__lte=F("due"))
        return Q(Exists(query))
    if family in _DUE_IN_YEAR:
        first, last = _year_range(selection.period)
        query = milestones.filter(
            case=OuterRef("pk"),
            rule_name=_DUE_IN_YEAR[family],
            due__range=(first, min(last, as_of)),
            start__lte=as_of,
        )
        query = query.exclude(status="not_applicable", completed__isnull=True)
        if hit:
            query = query.filter(completed__lte=F("due"))
        return Q(Exists(query))
    if family in ("active_plans", "plans_without_review_12m", "plans_without_review_24m", "primary_need_mix"):
        query = milestones.filter(
            case=OuterRef("pk"), rule_name="annual_review", completed__isnull=True, start__lte=as_of
        ).exclude(status="not_applicable")
        condition = Q(Exists(query))
        if hit and family.startswith("plans_without_review"):
            months = 12 if family.endswith("12m") else 24
            # No open review started on or after the cut-off: the last review is older than it.
            recent = query.filter(start__gte=months_before(as_of, months))
            condition &= ~Q(Exists(recent))
        if hit and family == "primary_need_mix":
            condition &= Q(person__primary_need=kpi.member)
        return condition
    return None


def _events(kpi: kpis.Kpi, selection: Selection) -> Q | None:
    if kpi.family != "requests_refused_share":
        return None
    first, last = _year_range(selection.period)
    query = CaseEvent.objects.filter(
        case=OuterRef("pk"), type="assessment_decision", date__range=(first, last)
    )
    if selection.part == NUMERATOR:
        query = query.filter(data__outcome="refuse")
    return Q(Exists(query))


def _breakdown(selection: Selection, as_of: date) -> Q:
    dimension, value = selection.dimension, selection.value_key
    if not dimension:
        return Q()
    if dimension == kpis.NEED:
        return (
            Q(person__primary_need__isnull=True) if value == NOT_RECORDED else Q(person__primary_need=value)
        )
    if dimension == kpis.SETTING:
        return Q(person__setting_urn__isnull=True) if value == NOT_RECORDED else Q(person__setting_urn=value)
    if dimension == kpis.STAGE:
        return Q(stage=value)
    if dimension == kpis.AGE_GROUP:
        if value == NOT_RECORDED:
            return Q(person__date_of_birth__isnull=True)
        day = as_of if selection.period == AS_OF_PERIOD else date(int(selection.period), 12, 31)
        bands = {
            "under 5": (0, 4),
            "5 to 10": (5, 10),
            "11 to 15": (11, 15),
            "16 to 19": (16, 19),
            "20 to 25": (20, 200),
        }
        youngest, oldest = bands.get(value, (0, -1))
        latest_birth = months_before(day, 12 * youngest)
        earliest_birth = months_before(day, 12 * (oldest + 1))
        return Q(person__date_of_birth__lte=latest_birth, person__date_of_birth__gt=earliest_birth)
    return Q(pk__in=[])


def cases_behind(
    *, user: User, area: LocalArea, kpi: kpis.Kpi, selection: Selection, as_of: date
) -> QuerySet[Case]:
    """The cases counted in one figure (its numerator or denominator), that `user` may see."""
    cases = Case.objects.visible_to(user).filter(local_area=area)
    if kpi.family == "open_requests":
        cases = cases.filter(open=True)
        if kpi.member:
            cases = cases.filter(stage=kpi.member)
        return cases.filter(_breakdown(selection, as_of)).select_related("person")
    if selection.period != AS_OF_PERIOD and not selection.period.isdigit():
        return cases.none()
    condition = _milestones(kpi, selection, as_of, area) or _events(kpi, selection)
    if condition is None:
        return cases.none()
    return cases.filter(condition).filter(_breakdown(selection, as_of)).select_related("person")
