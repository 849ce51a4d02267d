"""Recording an improvement notice: issued, published, minimum months, and the earliest end it gives."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.improvement.inspection_forms import (
    INTERVENTION_ISSUED,
    INTERVENTION_PUBLISHED,
    INVALID_MINIMUM_MONTHS,
    MISSING_MINIMUM_MONTHS,
)
from sendtrack.improvement.models import Intervention
from tests.improvement.conftest import date_parts


@pytest.fixture(autouse=True)
def on_the_day():
    with time_machine.travel(dt.datetime(2024, 6, 3, 12, tzinfo=dt.UTC)):
        yield


def _form(**overrides):
    return {
        "kind": "improvement_notice",
        **date_parts("issued_on", 31, 8, 2023),
        **date_parts("published_on", 7, 9, 2023),
        "minimum_months": "18",
        "link": "",
        **overrides,
    }


def test_a_manager_records_a_notice_and_is_told_when_it_can_end(client, plan, manager):
    client.force_login(manager)
    response = client.post(f"/improvement/{plan.pk}/record-intervention/", _form(), follow=True)

    intervention = Intervention.objects.get()
    assert intervention.earliest_end == dt.date(2025, 2, 28)  # 31 August plus 18 months, the month's last day
    page = response.content.decode()
    assert "can end from 28 February 2025" in page  # the banner
    assert "Issued 31 August 2023, published 7 September 2023; can end from 28 February 2025" in page
    event = AuditEvent.objects.get(verb=AuditVerb.INTERVENTION_RECORDED)
    assert (event.actor, event.local_area, event.detail["earliest_end"]) == (
        manager,
        plan.local_area,
        "2025-02-28",
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"minimum_months": ""}, "minimum_months", MISSING_MINIMUM_MONTHS),
        ({"minimum_months": "eighteen"}, "minimum_months", INVALID_MINIMUM_MONTHS),
        ({"minimum_months": "-1"}, "minimum_months", INVALID_MINIMUM_MONTHS),
        (date_parts("issued_on", "", "", ""), "issued_on", INTERVENTION_ISSUED.missing),
        (date_parts("issued_on", 1, 7, 2024), "issued_on", INTERVENTION_ISSUED.future),
        (
            date_parts("published_on", 30, 8, 2023),
            "published_on",
            INTERVENTION_PUBLISHED.before("the date it was issued"),
        ),
    ],
)
def test_each_mistake_is_named(client, plan, manager, overrides, field, message):
    client.force_login(manager)
    response = client.post(f"/improvement/{plan.pk}/record-intervention/", _form(**overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not Intervention.objects.exists()
