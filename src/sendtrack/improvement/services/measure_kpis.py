"""Measures bound to a KPI: their actuals are the KPI's value on the dates that matter, never typed.

A bound measure's actual on a date is the KPI counted from the case records as they stood on that
date (the same counting as the KPI summaries), over the period the KPI is counted by: the calendar
year to that date, or a snapshot on it. Actuals are worked out on every milestone date, every
meeting of the area's boards, and the day of the refresh, all on or after the baseline date.
They are derived data: each refresh replaces them all, as the KPI summaries are replaced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from sendtrack.accounts.models import LocalArea, User
from sendtrack.core.audit import audit
from sendtrack.core.models import AuditVerb
from sendtrack.improvement.models import (
    ImprovementPlan,
    Measure,
    MeasurePoint,
    MeasurePointKind,
    Meeting,
)
from sendtrack.performance import kpis
from sendtrack.performance.counting import AS_OF_PERIOD, Key, Tally, results_for
from sendtrack.performance.services.refresh import area_tallies, other_source_tallies
from sendtrack.performance.tally_dates_sql import area_wide_tallies_on_dates


def long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


class UnknownKpi(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class KpiReading:
    """One KPI's area-wide value on a date, in the measure's terms (a share as a percentage)."""

    kpi_id: str
    on: dt.date
    value: Decimal | None
    numerator: int | None
    denominator: int | None
    period: str


def measure_unit(kpi: kpis.Kpi) -> str:
    return {kpis.SHARE: "%", kpis.WEEKS: "weeks"}.get(kpi.unit, "")


def as_measure_value(kpi: kpis.Kpi, value: float | int | None) -> Decimal | None:
    """A KPI's value as a measure holds it: shares as percentages to one decimal place."""
    if value is None:
        return None
    if kpi.unit == kpis.SHARE:
        return Decimal(str(round(value * 100, 1)))
    return Decimal(str(round(value, 2)))


def reading(kpi: kpis.Kpi, tallies: dict[Key, Tally], on: dt.date) -> KpiReading:
    """The KPI on `on`: the calendar year to that date, a snapshot on it, or its latest other period."""
    if kpi.period == kpis.CALENDAR_YEAR:
        period, words = str(on.year), f"1 January {on.year} to {long_date(on)}"
    elif kpi.period == kpis.AS_OF:
        period, words = AS_OF_PERIOD, f"on {long_date(on)}"
    else:
        latest = results_for(tallies, year=on.year).get(kpi.id)
        period = str(latest["period"]) if latest else ""
        words = period
    tally = tallies.get((kpi.id, period, "", ""))
    if tally is None:
        return KpiReading(kpi.id, on, None, None, None, words)
    result = tally.result(kpi.unit)
    numerator, denominator = result["numerator"], result["denominator"]
    return KpiReading(
        kpi.id,
        on,
        as_measure_value(kpi, result["value"]),
        int(numerator) if numerator is not None else None,
        int(denominator) if denominator is not None else None,
        words,
    )


def kpi_readings(
    area: LocalArea, kpi_ids: Iterable[str], dates: Iterable[dt.date]
) -> dict[tuple[str, dt.date], KpiReading]:
    """Each KPI on each date, counted from the area's records as they stood on that date."""
    catalogue = [kpis.BY_ID[kpi_id] for kpi_id in set(kpi_ids)]
    readings: dict[tuple[str, dt.date], KpiReading] = {}
    for on, tallies in _area_tallies(area.pk, [kpi.id for kpi in catalogue], sorted(set(dates))):
        for kpi in catalogue:
            readings[(kpi.id, on)] = reading(kpi, tallies, on)
    return readings


def _area_tallies(
    area_id: int, kpi_ids: list[str], days: list[dt.date]
) -> Iterator[tuple[dt.date, dict[Key, Tally]]]:
    """Every KPI of the area on each day (the area-wide ones at least): on PostgreSQL counted in
    set-based SQL, all the days in one go, where a whole country's records would take minutes a
    date row by row; the same figures either way."""
    if connection.vendor != "postgresql":
        for on in days:
            yield on, area_tallies([area_id], on)
        return
    counted = area_wide_tallies_on_dates([area_id], days, kpi_ids)
    for on in days:
        tallies = counted.pop(on)[area_id]
        tallies.update(other_source_tallies([area_id], on))
        yield on, tallies


def reading_dates(measure: Measure, as_of: dt.date) -> set[dt.date]:
    """Milestone dates, board meetings and `as_of` itself, from the baseline date to `as_of`."""
    meetings = Meeting.objects.filter(
        board__local_area_id=measure.plan.local_area_id,
        held_on__gte=measure.baseline_on,
        held_on__lte=as_of,
    ).values_list("held_on", flat=True)
    milestones = measure.points.filter(
        kind=MeasurePointKind.MILESTONE, on__gte=measure.baseline_on, on__lte=as_of
    ).values_list("on", flat=True)
    dates = {*meetings, *milestones}
    if as_of >= measure.baseline_on:
        dates.add(as_of)
    return dates


@transaction.atomic
def refresh_bound_actuals(
    *,
    plan: ImprovementPlan,
    as_of: dt.date | None = None,
    counted: dict[tuple[str, dt.date], KpiReading] | None = None,
) -> int:
    """Replace the counted actuals of the plan's bound measures; returns how many there are now.

    `counted` holds readings already taken from the same records (the demo reads its baselines and
    actuals in one count); only the dates missing from it are counted here.
    """
    as_of = as_of or timezone.localdate()
    measures = [m for m in plan.measures.all() if m.is_bound and m.kpi_id in kpis.BY_ID]
    if not measures:
        return 0
    wanted = {measure.pk: reading_dates(measure, as_of) for measure in measures}
    readings = dict(counted or {})
    missing = {
        day for measure in measures for day in wanted[measure.pk] if (measure.kpi_id, day) not in readings
    }
    readings.update(kpi_readings(plan.local_area, {measure.kpi_id for measure in measures}, missing))
    MeasurePoint.objects.filter(measure__in=measures, from_kpi=True).delete()
    points = [
        MeasurePoint(
            measure=measure,
            kind=MeasurePointKind.ACTUAL,
            on=on,
            value=found.value,
            from_kpi=True,
            period=found.period,
            numerator=found.numerator,
            denominator=found.denominator,
        )
        for measure in measures
        for on in sorted(wanted[measure.pk])
        if (found := readings[(measure.kpi_id, on)]).value is not None
    ]
    MeasurePoint.objects.bulk_create(points)
    return len(points)


def refresh_areas_measures(*, areas: list[LocalArea], as_of: dt.date | None = None) -> int:
    """Every bound measure of every plan of the areas (after their KPI summaries change): the plans
    found in one query, most areas having none."""
    plans = ImprovementPlan.objects.filter(local_area__in=areas, measures__kpi_id__gt="").distinct()
    return sum(refresh_bound_actuals(plan=plan, as_of=as_of) for plan in plans)


@transaction.atomic(durable=True)
def bind_measure_to_kpi(*, measure: Measure, kpi_id: str, by: User, as_of: dt.date | None = None) -> Measure:
    """Take the measure's actuals from a KPI: typed actuals give way to counted ones (kept in the audit)."""
    if kpi_id not in kpis.BY_ID:
        raise UnknownKpi(f"There is no KPI with the id {kpi_id!r}")
    before = measure.kpi_id
    typed = measure.points.filter(kind=MeasurePointKind.ACTUAL, from_kpi=False)
    replaced = [{"on": point.on, "value": point.value} for point in typed]
    typed.delete()
    measure.kpi_id = kpi_id
    measure.save(update_fields=["kpi_id"])
    audit(
        actor=by,
        verb=AuditVerb.MEASURE_RECORDED,
        local_area=measure.plan.local_area,
        subject=measure,
        detail={"kpi_id": {"before": before, "after": kpi_id}, "typed_actuals_replaced": replaced},
    )
    refresh_bound_actuals(plan=measure.plan, as_of=as_of)
    return measure
