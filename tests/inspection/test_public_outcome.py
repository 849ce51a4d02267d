"""The public progress page shows the inspection's outcome beside the plan that answers it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from sendtrack.improvement.models import PlanVersion
from sendtrack.inspection.outcome_services import record_outcome, start_priority_action_plan


@pytest.fixture(autouse=True)
def after_the_report():
    with time_machine.travel(dt.datetime(2026, 8, 3, 12, tzinfo=dt.UTC)):
        yield


def test_the_public_page_shows_the_outcome_its_areas_and_the_published_plan(client, notification, manager):
    record_outcome(
        notification=notification,
        by=manager,
        outcome="systemic",
        report_published_on=dt.date(2026, 7, 14),
        priority_areas=[("NHS Northbridge ICB", "Reduce waits for speech and language therapy")],
        improvement_areas=["Improve the quality of EHC plans"],
    )
    plan = start_priority_action_plan(notification=notification, by=manager)
    page = client.get(reverse("portal:public-area", args=["999"])).content.decode()
    assert "Widespread and/or systemic failings" in page and "14 July 2026" in page
    assert "Reduce waits for speech and language therapy" in page and "NHS Northbridge ICB" in page
    assert "Improve the quality of EHC plans" in page
    assert "Monitoring inspection expected by 14 January 2028" in page
    assert "Answers the inspection report" not in page  # the plan is not published yet
    PlanVersion.objects.create(
        plan=plan, number=1, published_at=timezone.now(), published_by=manager, snapshot={}
    )
    page = client.get(reverse("portal:public-area", args=["999"])).content.decode()
    assert plan.name in page and "Answers the inspection report of 14 July 2026" in page


def test_no_outcome_is_shown_before_the_report(client, notification):
    page = client.get(reverse("portal:public-area", args=["999"])).content.decode()
    assert "The last inspection" not in page
