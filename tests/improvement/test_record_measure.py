"""Recording a measure with its baseline, and adding its milestones and actuals."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine

from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.improvement.forms import (
    ACTUAL_ON,
    BASELINE_ON,
    INVALID_BASELINE,
    INVALID_POINT_VALUE,
    MILESTONE_ON,
    MISSING_MEASURE_NAME,
    MISSING_POINT_VALUE,
)
from sendtrack.improvement.models import Measure, MeasurePoint
from tests.improvement.conftest import date_parts


@pytest.fixture(autouse=True)
def on_the_day():
    with time_machine.travel(dt.datetime(2019, 6, 3, 12, tzinfo=dt.UTC)):
        yield


def _measure_form(**overrides):
    return {
        "name": "New EHC plans issued within 20 weeks",
        "unit": "%",
        "baseline": "41.5",
        **date_parts("baseline_on", 31, 3, 2019),
        "higher_is_better": "yes",
        "finding": "",
        **overrides,
    }


def test_a_manager_records_a_measure_linked_to_a_finding(client, plan, manager, finding):
    client.force_login(manager)
    response = client.post(f"/improvement/{plan.pk}/record-measure/", _measure_form(finding=str(finding.pk)))

    assert response.status_code == 302
    measure = Measure.objects.get()
    assert (measure.plan, measure.finding, measure.baseline) == (plan, finding, Decimal("41.50"))
    assert measure.baseline_on == dt.date(2019, 3, 31) and measure.higher_is_better
    event = AuditEvent.objects.get(verb=AuditVerb.MEASURE_RECORDED)
    assert (event.local_area, event.subject_id) == (plan.local_area, str(measure.pk))


def test_lower_is_better_is_kept(client, plan, manager):
    client.force_login(manager)
    client.post(f"/improvement/{plan.pk}/record-measure/", _measure_form(higher_is_better="no"))
    assert Measure.objects.get().higher_is_better is False


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", MISSING_MEASURE_NAME),
        ({"baseline": "about forty"}, "baseline", INVALID_BASELINE),
        ({"baseline": "41.555"}, "baseline", INVALID_BASELINE),
        (date_parts("baseline_on", 31, 13, 2019), "baseline_on", BASELINE_ON.invalid),
    ],
)
def test_each_mistake_in_a_measure_is_named(client, plan, manager, overrides, field, message):
    client.force_login(manager)
    response = client.post(f"/improvement/{plan.pk}/record-measure/", _measure_form(**overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not Measure.objects.exists()


def test_milestones_and_actuals_are_added_and_shown_on_readiness(client, plan, manager, measure):
    client.force_login(manager)
    base = f"/improvement/{plan.pk}/measures/{measure.pk}"
    client.post(f"{base}/record-milestone/", {**date_parts("on", 31, 3, 2020), "value": "60"})
    response = client.post(f"{base}/record-actual/", {**date_parts("on", 31, 5, 2019), "value": "47.25"})

    assert response.status_code == 302
    points = list(MeasurePoint.objects.order_by("on").values_list("kind", "on", "value"))
    assert points == [
        ("actual", dt.date(2019, 5, 31), Decimal("47.25")),
        ("milestone", dt.date(2020, 3, 31), Decimal("60.00")),
    ]
    assert AuditEvent.objects.filter(verb=AuditVerb.MEASURE_POINT_RECORDED).count() == 2
    readiness = client.get(f"/improvement/{plan.pk}/readiness/").content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", readiness).split())
    assert "31 May 2019 Actual 47.25%" in text
    assert "31 March 2020 Milestone 60%" in text


@pytest.mark.parametrize(
    ("page", "data", "message"),
    [
        ("record-actual", {**date_parts("on", 4, 6, 2019), "value": "50"}, ACTUAL_ON.future),
        (
            "record-actual",
            {**date_parts("on", 1, 3, 2019), "value": "50"},
            ACTUAL_ON.before("the date of the baseline"),
        ),
        (
            "record-milestone",
            {**date_parts("on", 1, 3, 2019), "value": "50"},
            MILESTONE_ON.before("the date of the baseline"),
        ),
        ("record-milestone", {**date_parts("on", "", "", ""), "value": "50"}, MILESTONE_ON.missing),
        ("record-actual", {**date_parts("on", 31, 5, 2019), "value": ""}, MISSING_POINT_VALUE),
        ("record-actual", {**date_parts("on", 31, 5, 2019), "value": "half"}, INVALID_POINT_VALUE),
    ],
)
def test_each_mistake_in_a_milestone_or_actual_is_named(client, plan, manager, measure, page, data, message):
    client.force_login(manager)
    response = client.post(f"/improvement/{plan.pk}/measures/{measure.pk}/{page}/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MeasurePoint.objects.exists()


def test_a_milestone_may_be_in_the_future_but_an_actual_may_not(client, plan, manager, measure):
    client.force_login(manager)
    base = f"/improvement/{plan.pk}/measures/{measure.pk}"
    assert (
        client.post(f"{base}/record-milestone/", {**date_parts("on", 31, 3, 2021), "value": "70"}).status_code
        == 302
    )
    assert (
        client.post(f"{base}/record-actual/", {**date_parts("on", 31, 3, 2021), "value": "70"}).status_code
        == 400
    )
