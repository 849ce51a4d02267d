"""What the performance pages read: KPI summaries of an area the user may report on.

Area-wide figures are only for reporting roles (`area_access.reporting_areas`); any other area is a 404, the
same as an area that does not exist. The dashboard reads `KpiSummary` rows only, never events.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.http import Http404

from sendtrack.accounts import access as area_access
from sendtrack.accounts.models import LocalArea, User
from sendtrack.performance import kpis, national
from sendtrack.performance.kpi_terms import AGE_AT_REQUEST, AGE_AT_REQUEST_BANDS, DISPUTE, ETHNICITY, SEX
from sendtrack.performance.models import KpiSummary, PublishedTimeliness, SummaryRefresh
from sendtrack.performance.published_comparison import COLUMNS as PUBLISHED_COLUMNS
from sendtrack.performance.published_comparison import YearBeside, beside

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "New plans: 20-week timeliness",
        (
            "final_plan_20wk_excl_exceptions",
            "final_plan_20wk_incl_exceptions",
            "final_plan_mean_weeks_excl_exceptions",
            "final_plan_mean_weeks_incl_exceptions",
            "final_plan_over_20wk_within_year_excl_exceptions",
            "final_plan_over_20wk_within_year_incl_exceptions",
            "final_plan_over_year_excl_exceptions",
            "final_plan_over_year_incl_exceptions",
            "plans_issued",
        ),
    ),
    (
        "Requests, by the year they were received",
        (
            "requests_received",
            "assessment_decision_6wk",
            "request_outcome:assessed",
            "request_outcome:refused",
            "request_outcome:withdrawn",
            "request_outcome:open",
            "requests_refused_share",
            "open_requests",
            "quorate_panel_decisions",
        ),
    ),
    ("Advice", tuple(f"advice_6wk:{key}" for key in kpis.ADVICE_AGENCIES)),
    (
        "Plans and reviews",
        (
            "active_plans",
            "annual_review_12m",
            "review_decision_4wk",
            "amended_plan_8wk",
            "plans_without_review_12m",
            "plans_without_review_24m",
            "phase_transfer_on_time",
        ),
    ),
)
OTHER_SOURCE_FAMILIES = (
    "waiting_seen_within_target",
    "waiting_median_weeks",
    "waiting_two_cancellations",
    "suspension_rate",
    "permanent_exclusion_rate",
    "attendance_rate",
    "high_needs_spend_to_budget",
)


@dataclass
class Point:
    period: str
    numerator: int | None
    denominator: int | None
    value: float | None


@dataclass
class Tile:
    kpi: kpis.Kpi
    latest: Point | None
    previous: Point | None
    national: national.NationalFigure | None
    trend: str = ""

    @property
    def has_data(self) -> bool:
        return self.latest is not None

    @property
    def has_case_list(self) -> bool:
        return self.kpi.source in (kpis.CASE_RECORDS, kpis.CASE_EVENTS)


@dataclass
class Breakdown:
    dimension: str
    name: str
    rows: list[tuple[str, Point]] = field(default_factory=list)


def reporting_area_or_404(user: User, code: str | None = None) -> LocalArea:
    """The area named by `code` (else the user's first) if the user may see its figures."""
    areas = area_access.reporting_areas(user)
    if code is None:
        if not areas:
            raise Http404
        return areas[0]
    for area in areas:
        if area.code == code:
            return area
    raise Http404


def last_refresh(area: LocalArea) -> SummaryRefresh | None:
    return SummaryRefresh.objects.filter(local_area=area).first()


def _point(row: dict) -> Point:
    return Point(row["period"], row["numerator"], row["denominator"], row["value"])


def _trend(kpi: kpis.Kpi, latest: Point | None, previous: Point | None) -> str:
    if latest is None or previous is None or latest.value is None or previous.value is None:
        return ""
    if latest.value == previous.value:
        return "same"
    up = latest.value > previous.value
    if kpi.polarity == kpis.NEUTRAL:
        return "up" if up else "down"
    better = up == (kpi.polarity == kpis.HIGHER)
    return ("up" if up else "down") + (" (better)" if better else " (worse)")


def area_series(area: LocalArea) -> dict[str, list[Point]]:
    """Every KPI's area-wide values, oldest period first: one query."""
    series: dict[str, list[Point]] = defaultdict(list)
    rows = (
        KpiSummary.objects.filter(local_area=area, dimension="")
        .order_by("kpi_id", "period")
        .values("kpi_id", "period", "numerator", "denominator", "value")
    )
    for row in rows:
        series[row["kpi_id"]].append(_point(row))
    return series


def tile_for(kpi: kpis.Kpi, points: list[Point]) -> Tile:
    latest = points[-1] if points else None
    previous = points[-2] if len(points) > 1 else None
    return Tile(kpi, latest, previous, national.latest_for(kpi.id), _trend(kpi, latest, previous))


def dashboard_sections(
    area: LocalArea, series: dict[str, list[Point]] | None = None
) -> list[tuple[str, list[Tile]]]:
    """The dashboard's tiles, section by section; other sources only where figures were imported."""
    series = area_series(area) if series is None else series
    sections = [
        (title, [tile_for(kpis.BY_ID[kpi_id], series.get(kpi_id, [])) for kpi_id in ids])
        for title, ids in SECTIONS
    ]
    other = [
        tile_for(kpi, series[kpi.id])
        for kpi in kpis.KPIS
        if kpi.family in OTHER_SOURCE_FAMILIES and series.get(kpi.id)
    ]
    if other:
        sections.append(("Health services, schools and funding", other))
    if series.get("plans_judged_good"):
        sections.append(
            ("Quality of EHC plans", [tile_for(kpis.BY_ID["plans_judged_good"], series["plans_judged_good"])])
        )
    return sections


def kpi_series(area: LocalArea, kpi: kpis.Kpi) -> list[Point]:
    rows = (
        KpiSummary.objects.filter(local_area=area, kpi_id=kpi.id, dimension="")
        .order_by("period")
        .values("period", "numerator", "denominator", "value")
    )
    return [_point(row) for row in rows]


def kpi_breakdowns(area: LocalArea, kpi: kpis.Kpi, period: str) -> list[Breakdown]:
    """The KPI split by need, age group, setting (or stage) for one period."""
    found: dict[str, Breakdown] = {}
    rows = (
        KpiSummary.objects.filter(local_area=area, kpi_id=kpi.id, period=period)
        .exclude(dimension="")
        .order_by("dimension", "value_key")
        .values("dimension", "value_key", "period", "numerator", "denominator", "value")
    )
    for row in rows:
        dimension = row["dimension"]
        breakdown = found.setdefault(
            dimension, Breakdown(dimension, kpis.BREAKDOWN_NAMES.get(dimension, dimension))
        )
        breakdown.rows.append((row["value_key"], _point(row)))
    order = [AGE_AT_REQUEST, kpis.NEED, kpis.AGE_GROUP, SEX, ETHNICITY, kpis.SETTING, kpis.STAGE, DISPUTE]
    for breakdown in found.values():
        if breakdown.dimension in (kpis.AGE_GROUP, AGE_AT_REQUEST):
            bands = kpis.AGE_GROUPS if breakdown.dimension == kpis.AGE_GROUP else AGE_AT_REQUEST_BANDS
            rank = {name: i for i, name in enumerate(bands)}
            breakdown.rows.sort(key=lambda pair: rank.get(pair[0], len(rank)))
        elif breakdown.dimension == kpis.SETTING:
            breakdown.rows.sort(key=lambda pair: -(pair[1].denominator or pair[1].numerator or 0))
    return sorted(found.values(), key=lambda b: order.index(b.dimension) if b.dimension in order else 99)


def family_members(area: LocalArea, kpi: kpis.Kpi) -> list[tuple[kpis.Kpi, Point]]:
    """For a family such as advice_6wk or primary_need_mix: each member's latest value (one query)."""
    members = {k.id: k for k in kpis.family_of(kpi.id) if k.member}
    if not members:
        return []
    latest: dict[str, Point] = {}
    rows = (
        KpiSummary.objects.filter(local_area=area, kpi_id__in=list(members), dimension="")
        .order_by("kpi_id", "period")
        .values("kpi_id", "period", "numerator", "denominator", "value")
    )
    for row in rows:
        latest[row["kpi_id"]] = _point(row)
    return [(members[kpi_id], latest[kpi_id]) for kpi_id in members if kpi_id in latest]


def need_mix(series: dict[str, list[Point]]) -> list[tuple[kpis.Kpi, Point, national.NationalFigure | None]]:
    """The primary needs of children with plans, with the national mix beside them."""
    rows = []
    for kpi in kpis.family_of("primary_need_mix"):
        points = series.get(kpi.id)
        if points:
            rows.append((kpi, points[-1], national.latest_for(kpi.id)))
    return sorted(rows, key=lambda row: -(row[1].value or 0))


ALL_PLANS = "All EHC plans"


def published_beside(area: LocalArea, kpi: kpis.Kpi, series: list[Point]) -> list[YearBeside]:
    """The KPI's figures year by year beside the DfE's published ones for the area and England."""
    if kpi.id not in PUBLISHED_COLUMNS:
        return []
    rows = PublishedTimeliness.objects.filter(local_area=area, breakdown_topic=ALL_PLANS).values_list(
        "geography", "year", "figures"
    )
    published: dict[str, dict[int, dict]] = {"area": {}, "england": {}}
    for geography, year, figures in rows:
        published[geography][year] = figures
    if not published["area"] and not published["england"]:
        return []
    ours = {
        int(point.period): (point.value, point.numerator, point.denominator)
        for point in series
        if point.period.isdigit()
    }
    return beside(kpi.id, ours, published["area"], published["england"])
