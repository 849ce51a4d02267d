"""The share of audited plans judged good or better: a KPI on the dashboard, and a measure's actuals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from sendtrack.ehcplan.audits import grade_plan, start_audit
from sendtrack.ehcplan.models import PlanKind, PlanVersion, QualityAudit
from sendtrack.ehcplan.versions import to_json
from sendtrack.improvement.models import ImprovementPlan, Measure
from sendtrack.improvement.services.measure_kpis import bind_measure_to_kpi
from sendtrack.performance.models import KpiSummary
from sendtrack.performance.services.refresh import refresh_summaries
from tests.ehcplan.plans import good_plan

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2026, 3, 16)
KPI = "plans_judged_good"


def final(case) -> PlanVersion:
    return PlanVersion.objects.create(
        case=case, number=1, kind=PlanKind.FINAL, content=to_json(good_plan()), issued_on=dt.date(2026, 1, 9)
    )


@pytest.fixture
def graded(area, manager, caseworker, health_advisor, child_case, uninvolved_case):
    """Lily's plan judged good by two auditors, Ben's inadequate; a plan a year old left out."""
    lily, ben = final(child_case), final(uninvolved_case)
    this_year = start_audit(
        area=area,
        by=manager,
        name="Q1 2026",
        versions=[lily, ben],
        auditors={"education": caseworker, "health": health_advisor},
    )
    for assignment in this_year.assignments.all():
        if assignment.version == lily:
            grades = {"F": ("good", ""), "E": ("outstanding", "")}  # 3.5 rounds up: outstanding
        else:
            grades = {"F": ("inadequate", ""), "E": ("requires_improvement", "")}  # 1.5: requires improvement
        grade_plan(assignment=assignment, by=assignment.auditor, grades=grades)
    old = start_audit(
        area=area, by=manager, name="Q4 2024", versions=[ben], auditors={"education": caseworker}
    )
    QualityAudit.objects.filter(pk=old.pk).update(created_on=dt.date(2025, 3, 1))
    grade_plan(assignment=old.assignments.get(), by=caseworker, grades={"F": ("good", "")})
    return this_year


def test_the_share_counts_each_graded_plan_of_the_last_12_months_once(graded, area):
    refresh_summaries(area=area, as_of=AS_OF)
    row = KpiSummary.objects.get(local_area=area, kpi_id=KPI)
    assert (row.numerator, row.denominator, row.value) == (1, 2, 0.5)


def test_a_round_with_nothing_graded_yet_gives_no_figure(area, manager, caseworker, child_case):
    start_audit(
        area=area,
        by=manager,
        name="Q1 2026",
        versions=[final(child_case)],
        auditors={"education": caseworker},
    )
    refresh_summaries(area=area, as_of=AS_OF)
    assert not KpiSummary.objects.filter(local_area=area, kpi_id=KPI).exists()


def test_the_dashboard_shows_it_among_the_quality_of_plans(client, graded, area, manager):
    refresh_summaries(area=area, as_of=AS_OF)
    client.force_login(manager)
    page = client.get(reverse("performance:dashboard")).content.decode()
    assert "Quality of EHC plans" in page
    assert "Audited EHC plans judged good or better" in page
    detail = client.get(reverse("performance:kpi", args=[area.code, KPI])).content.decode()
    assert "Plans judged good or outstanding" in detail and "50.0%" in detail


def test_an_improvement_plan_measure_takes_its_actuals_from_it(graded, area, manager):
    plan = ImprovementPlan.objects.create(local_area=area, name="SEND improvement plan")
    measure = Measure.objects.create(
        plan=plan,
        name="Plans judged good or better in audit",
        unit="%",
        baseline=Decimal("40"),
        baseline_on=dt.date(2026, 1, 1),
    )
    bind_measure_to_kpi(measure=measure, kpi_id=KPI, by=manager, as_of=AS_OF)
    point = measure.points.get(from_kpi=True, on=AS_OF)
    assert (point.value, point.numerator, point.denominator) == (Decimal("50.0"), 1, 2)
