"""An audit round samples issued plans, auditors from each agency grade them, results agree or not."""

from __future__ import annotations

import datetime as dt

import pytest

from sendtrack.ehcplan.audits import AuditRefused, grade_plan, results, sample, start_audit
from sendtrack.ehcplan.models import AuditAssignment, PlanKind, PlanVersion
from sendtrack.ehcplan.versions import to_json
from tests.ehcplan.plans import good_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(child_case):
    old = PlanVersion.objects.create(
        case=child_case,
        number=1,
        kind=PlanKind.FINAL,
        content=to_json(good_plan()),
        issued_on=dt.date(2025, 1, 10),
    )
    new = PlanVersion.objects.create(
        case=child_case,
        number=2,
        kind=PlanKind.AMENDED,
        content=to_json(good_plan()),
        issued_on=dt.date(2026, 2, 1),
    )
    return old, new


def test_a_round_samples_the_latest_plans_issued_in_the_period_and_grades_them(
    issued, area, manager, caseworker, health_advisor
):
    _, new = issued
    versions = sample(area, 20, dt.date(2025, 9, 1), seed=1)
    assert versions == [new]
    round_ = start_audit(
        area=area,
        by=manager,
        name="Q1 2026",
        versions=versions,
        auditors={"education": caseworker, "health": health_advisor},
        weights={"F": 2},
    )
    education, health = round_.assignments.order_by("agency")
    grade_plan(
        assignment=education,
        by=caseworker,
        grades={"F": ("good", "Clear and quantified"), "E": ("requires_improvement", "")},
    )
    grade_plan(
        assignment=health,
        by=health_advisor,
        grades={"F": ("good", ""), "G": ("outstanding", "Exactly what the audiologist advised")},
    )
    outcome = results(round_)
    assert (outcome.graded, outcome.good_or_better) == (1, 1)
    assert outcome.plans[0].grade == "good"  # F 3 x 2, E 2, G 4: 12 / 4 = 3
    assert (outcome.agreement.sections_compared, outcome.agreement.sections_agreed) == (1, 1)
    with pytest.raises(AuditRefused, match="Only the auditor"):
        grade_plan(assignment=health, by=caseworker, grades={"G": ("inadequate", "")})


def test_a_round_with_no_plans_is_refused(area, manager, caseworker):
    with pytest.raises(AuditRefused, match="No plan was issued"):
        start_audit(area=area, by=manager, name="Empty", versions=[], auditors={"education": caseworker})


def test_a_manager_starts_a_round_on_the_page_and_the_auditor_grades(client, issued, manager, caseworker):
    client.force_login(manager)
    response = client.post(
        "/plans/audits/", {"name": "Q1 2026", "size": "5", "months": "6", "education": str(caseworker.pk)}
    )
    assert response.status_code == 302
    assignment = AuditAssignment.objects.get()
    client.force_login(caseworker)
    page = client.get(f"/plans/audits/{assignment.audit_id}/grade/{assignment.pk}/").content.decode()
    assert "Section F: Special educational provision" in page
    client.post(
        f"/plans/audits/{assignment.audit_id}/grade/{assignment.pk}/",
        {"grade-F": "good", "comment-F": "Quantified", "grade-E": "outstanding"},
    )
    results_page = client.get(f"/plans/audits/{assignment.audit_id}/").content.decode()
    assert "1 of 1 plan graded; 1 judged good or better" in results_page
    assert "Outstanding" in results_page  # F good, E outstanding: 3.5 rounds up


def test_the_round_is_hidden_from_those_not_in_it(client, issued, manager, caseworker, health_advisor):
    round_ = start_audit(
        area=issued[0].case.local_area,
        by=manager,
        name="R",
        versions=[issued[1]],
        auditors={"education": caseworker},
    )
    client.force_login(health_advisor)
    assert client.get(f"/plans/audits/{round_.pk}/").status_code == 404
    assert client.get("/plans/audits/").status_code == 404
