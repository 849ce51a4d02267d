"""The performance section of a board pack: the plan's measures, then the headline KPIs.

What a SEND improvement board reads beside its actions (the Sefton board report is the model):
each measure with its baseline, target, milestone and its value at this meeting and the last,
and the headline KPIs year by year with England's figure, as the case records stood on the
meeting's date.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

from sendtrack.improvement.models import ImprovementPlan, Measure, MeasurePoint, MeasurePointKind, Meeting
from sendtrack.improvement.services.measure_kpis import as_measure_value, long_date
from sendtrack.performance import kpis, national
from sendtrack.performance.counting import Key, Tally
from sendtrack.performance.models import PublishedTimeliness
from sendtrack.performance.published_comparison import COLUMNS as PUBLISHED_COLUMNS
from sendtrack.performance.published_comparison import published_figure
from sendtrack.performance.selectors import ALL_PLANS
from sendtrack.performance.services.refresh import area_tallies

TREND_YEARS = 4
BETTER, WORSE, SAME, UNKNOWN = "Better", "Worse", "No change", "Not known"


@dataclass
class Chart:
    """A small line chart as PNG, with words for those who cannot see it (the table says the same)."""

    png: bytes
    alt: str


@dataclass
class KpiTrend:
    kpi: kpis.Kpi
    rows: list[list[str]]  # year, this area, England, and the DfE's published figure where imported
    chart: Chart | None
    head: list[str] = field(default_factory=lambda: ["Year", "This area", "England"])


@dataclass
class PerformanceSection:
    measure_rows: list[list[str]] = field(default_factory=list)
    trends: list[KpiTrend] = field(default_factory=list)


def _value_text(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "Not known"
    return f"{value.normalize():f}{unit if unit == '%' else f' {unit}' if unit else ''}"


def _latest(points: list[MeasurePoint], kind: str, on_or_before: dt.date) -> MeasurePoint | None:
    chosen = [p for p in points if p.kind == kind and p.on <= on_or_before]
    return max(chosen, key=lambda p: p.on) if chosen else None


def actual_on(measure: Measure, points: list[MeasurePoint], day: dt.date) -> MeasurePoint | None:
    """A bound measure's counted value on that day; a typed measure's latest actual by then."""
    if measure.is_bound:
        return next((p for p in points if p.from_kpi and p.on == day), None)
    return _latest(points, MeasurePointKind.ACTUAL, day)


def direction(now: Decimal | None, before: Decimal | None, higher_is_better: bool) -> str:
    """Better or worse since the last meeting, by the measure's polarity."""
    if now is None or before is None:
        return UNKNOWN
    if now == before:
        return SAME
    return BETTER if (now > before) == higher_is_better else WORSE


def measure_rows(measures: list[Measure], meeting: Meeting, earlier: Meeting | None) -> list[list[str]]:
    rows = []
    for measure in measures:
        points = list(measure.points.all())
        unit = measure.unit
        milestone = _latest(points, MeasurePointKind.MILESTONE, meeting.held_on)
        now = actual_on(measure, points, meeting.held_on)
        before = actual_on(measure, points, earlier.held_on) if earlier else None
        name = f"{measure.name} (counted from the KPI)" if measure.is_bound else measure.name
        rows.append(
            [
                name,
                f"{_value_text(measure.baseline, unit)} ({long_date(measure.baseline_on)})",
                f"{_value_text(measure.target, unit)} by {long_date(measure.target_on)}"
                if measure.target is not None and measure.target_on
                else "Not set",
                f"{_value_text(milestone.value, unit)} by {long_date(milestone.on)}"
                if milestone
                else "None due",
                _value_text(now.value if now else None, unit),
                _value_text(before.value if before else None, unit) if earlier else "No earlier meeting",
                direction(
                    now.value if now else None, before.value if before else None, measure.higher_is_better
                ),
            ]
        )
    return rows


def trend_chart(kpi: kpis.Kpi, years: list[int], values: list[Decimal | None]) -> Chart | None:
    """A small line chart of the area's yearly values (matplotlib, drawn off-screen)."""
    known = [(year, float(value)) for year, value in zip(years, values, strict=True) if value is not None]
    if len(known) < 2:
        return None
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(4.2, 1.8), dpi=120)
    axes.plot([str(y) for y, _ in known], [v for _, v in known], marker="o", color="#1d70b8", linewidth=2)
    axes.tick_params(labelsize=7)
    axes.spines[["top", "right"]].set_visible(False)
    if kpi.unit == kpis.SHARE:
        axes.set_ylim(0, 100)
        axes.set_ylabel("%", fontsize=7)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    pyplot.close(figure)
    words = ", ".join(f"{year}: {value:g}" for year, value in known)
    return Chart(buffer.getvalue(), f"Line chart of {kpi.name.lower()} by year: {words}")


def _published_text(kpi: kpis.Kpi, figures: dict | None, unit: str) -> str:
    """The DfE's published figure for the area, its suppression code, or that none was imported."""
    if figures is None:
        return "Not imported"
    published = published_figure(kpi.id, figures)
    if published.suppressed:
        return f"Suppressed ({published.suppressed})"
    value = published.value
    return _value_text(as_measure_value(kpi, value) if value is not None else None, unit)


def kpi_trend(
    kpi: kpis.Kpi, tallies: dict[Key, Tally], last_year: int, published: dict[int, dict] | None = None
) -> KpiTrend:
    """The KPI year by year, with England's figure and, where imported, the DfE's for this area."""
    unit = "%" if kpi.unit == kpis.SHARE else ""
    with_published = bool(published) and kpi.id in PUBLISHED_COLUMNS
    years = list(range(last_year - TREND_YEARS + 1, last_year + 1))
    values = []
    rows = []
    for year in years:
        tally = tallies.get((kpi.id, str(year), "", ""))
        value = as_measure_value(kpi, tally.result(kpi.unit)["value"]) if tally else None
        values.append(value)
        england = national.for_period(kpi.id, str(year))
        england_value = as_measure_value(kpi, england.value) if england else None
        rows.append(
            [
                str(year) if year < last_year else f"{year} to date",
                _value_text(value, unit),
                _value_text(england_value, unit) if england else "Not published",
            ]
        )
        if with_published:
            rows[-1].append(_published_text(kpi, (published or {}).get(year), unit))
    trend = KpiTrend(kpi, rows, trend_chart(kpi, years, values))
    if with_published:
        trend.head = [*trend.head, "Published by the DfE for this area"]
    return trend


def build_performance(
    *, plan: ImprovementPlan, meeting: Meeting, earlier: Meeting | None, measures: list[Measure] | None = None
) -> PerformanceSection:
    """The measures of the plan (or those given) and the headline KPIs as they stood on the meeting's date."""
    if measures is None:
        measures = list(Measure.objects.filter(plan=plan).prefetch_related("points"))
    section = PerformanceSection(measure_rows=measure_rows(measures, meeting, earlier))
    tallies = area_tallies([plan.local_area_id], meeting.held_on)
    published = {
        year: figures
        for year, figures in PublishedTimeliness.objects.filter(
            local_area_id=plan.local_area_id,
            geography=PublishedTimeliness.Geography.AREA,
            breakdown_topic=ALL_PLANS,
        ).values_list("year", "figures")
    }
    section.trends = [kpi_trend(kpi, tallies, meeting.held_on.year, published) for kpi in kpis.HEADLINE]
    return section


def theme_measures(plan: ImprovementPlan, finding_ids: set[int]) -> list[Measure]:
    """The bound measures of the findings a deep-dive workstream answers."""
    return list(
        Measure.objects.filter(plan=plan, finding_id__in=finding_ids)
        .exclude(kpi_id="")
        .prefetch_related("points")
    )
