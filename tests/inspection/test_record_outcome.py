"""After the letter: the outcome, its next-inspection dates, and the plan its priority areas start."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.improvement.models import Finding, FindingKind, ImprovementPlan, PlanKind
from sendtrack.inspection.outcomes import months_after, next_visits, parse_priority_areas
from tests.inspection.conftest import date_parts

PRIORITY = (
    "Leaders across the partnership: ensure that EHC plans are issued within 20 weeks\n"
    "NHS Northbridge ICB: reduce waiting times for speech and language therapy assessments\n"
)


@pytest.fixture(autouse=True)
def after_the_report():
    with time_machine.travel(dt.datetime(2026, 8, 3, 12, tzinfo=dt.UTC)):
        yield


def test_the_visits_each_outcome_implies():
    assert next_visits("positive", dt.date(2026, 7, 14)) == [("Full inspection", dt.date(2031, 7, 14))]
    assert next_visits("inconsistent", dt.date(2026, 7, 14)) == [("Full inspection", dt.date(2029, 7, 14))]
    assert next_visits("systemic", dt.date(2026, 7, 14)) == [
        ("Monitoring inspection", dt.date(2028, 1, 14)),
        ("Full inspection", dt.date(2029, 7, 14)),
    ]
    assert months_after(dt.date(2026, 8, 31), 18) == dt.date(2028, 2, 29)


def test_a_priority_area_without_a_responsible_body_names_its_line():
    with pytest.raises(ValueError, match="Line 2: write the responsible body"):
        parse_priority_areas("Council: do this\nno body given here")


def test_systemic_failings_start_a_priority_action_plan_whose_workstreams_are_the_areas(
    client, manager, notification
):
    client.force_login(manager)
    response = client.post(
        reverse("inspection:record-outcome", args=[notification.pk]),
        {
            "outcome": "systemic",
            **date_parts("report_published_on", 14, 7, 2026),
            "priority_areas": PRIORITY,
            "improvement_areas": "Improve the local offer website\n",
        },
    )
    assert response.status_code == 302
    inspection = notification.inspection
    inspection.refresh_from_db()
    assert inspection.outcome == "Widespread and/or systemic failings"
    assert inspection.next_visit_by == dt.date(2028, 1, 14)
    page = client.get(reverse("inspection:clock", args=[notification.pk])).content.decode()
    assert "14 January 2028" in page and "14 July 2029" in page
    assert Finding.objects.filter(inspection=inspection, kind=FindingKind.IMPROVEMENT).count() == 1

    response = client.post(reverse("inspection:start-plan", args=[notification.pk]))
    plan = ImprovementPlan.objects.get(inspection=inspection)
    assert response["Location"] == plan.get_absolute_url()
    assert plan.kind == PlanKind.PRIORITY_ACTION_PLAN
    assert [w.name for w in plan.workstreams.all()] == [
        "Leaders across the partnership: ensure that EHC plans are issued within 20 weeks",
        "NHS Northbridge ICB: reduce waiting times for speech and language therapy assessments",
    ]
    assert AuditEvent.objects.filter(verb=AuditVerb.INSPECTION_OUTCOME_RECORDED).count() == 1
    assert AuditEvent.objects.filter(verb=AuditVerb.PRIORITY_ACTION_PLAN_STARTED).count() == 1
    client.post(reverse("inspection:start-plan", args=[notification.pk]))
    assert ImprovementPlan.objects.filter(inspection=inspection).count() == 1


def test_an_inconsistent_outcome_starts_a_strategic_plan_update(client, manager, notification):
    client.force_login(manager)
    client.post(
        reverse("inspection:record-outcome", args=[notification.pk]),
        {
            "outcome": "inconsistent",
            **date_parts("report_published_on", 14, 7, 2026),
            "priority_areas": PRIORITY,
        },
    )
    client.post(reverse("inspection:start-plan", args=[notification.pk]))
    plan = ImprovementPlan.objects.get(inspection=notification.inspection)
    assert plan.kind == PlanKind.IMPROVEMENT_PLAN and plan.name.startswith("Strategic plan update")


def test_a_bad_outcome_form_explains_and_writes_nothing(client, manager, notification):
    client.force_login(manager)
    response = client.post(
        reverse("inspection:record-outcome", args=[notification.pk]),
        {"outcome": "", **date_parts("report_published_on", 14, 7, 2026), "priority_areas": "no colon here"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select the outcome the report gives" in page and "Line 1: write the responsible body" in page
    assert not Finding.objects.exists()


@pytest.mark.parametrize("who", ["read_only_officer", "caseworker"])
def test_only_the_area_send_managers_record_the_outcome(client, notification, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        reverse("inspection:record-outcome", args=[notification.pk]),
        {"outcome": "positive", **date_parts("report_published_on", 14, 7, 2026)},
    )
    assert response.status_code in (403, 404)
    assert not Finding.objects.exists()
    notification.inspection.refresh_from_db()
    assert notification.inspection.outcome == ""
