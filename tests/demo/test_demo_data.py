"""`sendtrack demo-data` builds a whole demo area through the real import paths."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from sendtrack.accounts.models import LocalArea, Organisation, OrganisationKind, Role, User
from sendtrack.casework.models import Case, FamilyLink
from sendtrack.demo.people import DEMO_EMAIL_DOMAIN
from sendtrack.improvement.models import (
    Finding,
    FindingKind,
    ImprovementPlan,
    Inspection,
    InspectionFramework,
    Intervention,
    RevisitJudgement,
)

pytestmark = pytest.mark.django_db


def load(children: int = 80, *extra: str) -> str:
    out = StringIO()
    options = ["--children", str(children), "--seed", "3", "--as-of", "2026-11-23", *extra]
    call_command("demo_data", *options, stdout=out)
    return out.getvalue()


def test_demo_data_creates_the_area_its_organisations_and_cases():
    output = load()
    area = LocalArea.objects.get(code="999")
    kinds = Counter(Organisation.objects.filter(local_area=area).values_list("kind", flat=True))
    assert kinds[OrganisationKind.LOCAL_AUTHORITY] == 1
    assert kinds[OrganisationKind.INTEGRATED_CARE_BOARD] == 1
    assert kinds[OrganisationKind.NHS_TRUST] == 2
    assert kinds[OrganisationKind.PARENT_CARER_FORUM] == 1
    assert 55 <= kinds[OrganisationKind.SETTING] <= 65
    assert Case.objects.filter(local_area=area).count() == 80
    assert "80 cases" in output


def test_every_role_has_a_demo_account_and_the_parent_sees_a_draft_plan():
    load()
    roles = set(
        User.objects.filter(email__endswith=DEMO_EMAIL_DOMAIN).values_list("memberships__role", flat=True)
    )
    assert roles == set(Role)
    link = FamilyLink.objects.get(user__email=f"parent@{DEMO_EMAIL_DOMAIN}")
    case = link.person.cases.get()
    types = set(case.events.values_list("type", flat=True))
    assert "draft_plan_issued" in types
    assert "final_plan_issued" not in types
    assert FamilyLink.objects.filter(relationship=FamilyLink.Relationship.YOUNG_PERSON).count() == 1


def test_the_improvement_story_is_an_inspection_a_revisit_a_notice_and_a_published_plan():
    load()
    inspection = Inspection.objects.get(revisit_of__isnull=True)
    assert inspection.framework == InspectionFramework.LOCAL_AREA_SEND_2016
    findings = Finding.objects.filter(inspection=inspection, kind=FindingKind.SIGNIFICANT_WEAKNESS)
    assert findings.count() == 5
    assert findings.filter(revisit_judgement=RevisitJudgement.INSUFFICIENT).exists()
    assert inspection.revisits.count() == 1
    assert Intervention.objects.filter(kind="improvement_notice").count() == 1
    plan = ImprovementPlan.objects.get()
    statuses = Counter(plan.actions.values_list("status", flat=True))
    assert sum(statuses.values()) == 90
    assert plan.workstreams.count() == 3
    assert statuses["not_started"] == 30
    assert statuses["at_risk"] == 1
    assert plan.versions.count() == 1
    assert plan.actions.filter(updates__recorded_at__date__lt="2026-11-01").exists()


def test_loading_twice_with_if_empty_changes_nothing():
    load(40)
    output = load(40, "--if-empty")
    assert "already holds a local area" in output
    assert Case.objects.count() == 40


def test_no_two_generated_children_share_a_upn_past_the_seven_thousandth():
    import datetime as dt

    from sendtrack.demo.generator import generate_cases

    upns = Counter(
        case["person"]["upn"]
        for case in generate_cases("999", 7_400, 1, dt.date(2026, 11, 23))
        if case["person"].get("upn")
    )
    assert len(upns) > 7_000
    assert upns.most_common(1)[0][1] == 1


def test_the_cases_are_shared_among_the_caseworkers_in_turn_by_id():
    load(40, "--no-improvement", "--no-backtest")
    area = LocalArea.objects.get(code="999")
    team = list(
        User.objects.filter(memberships__role=Role.CASEWORKER, memberships__organisation__local_area=area)
        .order_by("email")
        .values_list("pk", flat=True)
    )
    assert len(team) == 3
    assigned = dict(Case.objects.filter(local_area=area).values_list("pk", "caseworker_id"))
    assert len(assigned) == 40
    assert all(caseworker == team[pk % len(team)] for pk, caseworker in assigned.items())
