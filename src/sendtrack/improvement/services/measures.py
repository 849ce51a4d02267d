"""Recording a plan's measures (key performance indicators), their milestones and their actuals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from sendtrack.accounts.models import User
from sendtrack.core.audit import audit_record
from sendtrack.core.models import AuditVerb
from sendtrack.improvement.models import Finding, ImprovementPlan, Measure, MeasurePoint, MeasurePointKind
from sendtrack.improvement.services.inspections import NotInThisLocalArea
from sendtrack.improvement.services.measure_kpis import UnknownKpi, refresh_bound_actuals
from sendtrack.performance import kpis


@transaction.atomic(durable=True)
def record_measure(
    *,
    plan: ImprovementPlan,
    by: User,
    name: str,
    baseline: Decimal,
    baseline_on: dt.date,
    unit: str = "",
    higher_is_better: bool = True,
    finding: Finding | None = None,
    target: Decimal | None = None,
    target_on: dt.date | None = None,
    kpi_id: str = "",
    recount: bool = True,
) -> Measure:
    """A measure the plan is judged by, with the baseline it starts from.

    Bound to a KPI (`kpi_id`), its actuals are counted from the case records, never typed; pass
    `recount=False` when recording several at once and call `refresh_bound_actuals` after them.
    """
    if finding is not None and finding.local_area_id != plan.local_area_id:
        raise NotInThisLocalArea(f"{finding} belongs to another local area")
    if kpi_id and kpi_id not in kpis.BY_ID:
        raise UnknownKpi(f"There is no KPI with the id {kpi_id!r}")
    measure = Measure.objects.create(
        plan=plan,
        finding=finding,
        name=name.strip(),
        unit=unit.strip(),
        baseline=baseline,
        baseline_on=baseline_on,
        higher_is_better=higher_is_better,
        target=target,
        target_on=target_on,
        kpi_id=kpi_id,
    )
    audit_record(
        by,
        AuditVerb.MEASURE_RECORDED,
        measure,
        "plan",
        "baseline",
        "baseline_on",
        "target",
        "target_on",
        "kpi_id",
        local_area=plan.local_area,
    )
    if kpi_id and recount:
        refresh_bound_actuals(plan=plan)
    return measure


def _record_point(*, measure: Measure, by: User, kind: str, on: dt.date, value: Decimal) -> MeasurePoint:
    point = MeasurePoint.objects.create(measure=measure, kind=kind, on=on, value=value)
    audit_record(
        by,
        AuditVerb.MEASURE_POINT_RECORDED,
        point,
        "measure",
        "kind",
        "on",
        "value",
        local_area=measure.plan.local_area,
    )
    return point


@transaction.atomic(durable=True)
def record_measure_milestone(*, measure: Measure, by: User, on: dt.date, value: Decimal) -> MeasurePoint:
    """The value the plan means to reach by a date."""
    return _record_point(measure=measure, by=by, kind=MeasurePointKind.MILESTONE, on=on, value=value)


class ActualsAreCounted(ValueError):
    pass


@transaction.atomic(durable=True)
def record_measure_actual(*, measure: Measure, by: User, on: dt.date, value: Decimal) -> MeasurePoint:
    """The value the measure actually had on a date (only for a measure not bound to a KPI)."""
    if measure.is_bound:
        raise ActualsAreCounted(f"The actuals of {measure.name} are counted from a KPI, not typed in")
    return _record_point(measure=measure, by=by, kind=MeasurePointKind.ACTUAL, on=on, value=value)
