"""The history page of a child's record: who changed what, when, from what to what, and why."""

from __future__ import annotations

import copy
import json
import re

import pytest
from django.urls import reverse

from sendtrack.casework import services
from sendtrack.casework.access import Purpose
from sendtrack.casework.models import AccessLog, CaseEvent
from tests.casework.conftest import CHILD

URL = reverse("casework:history", args=["NB-0001"])


def text_of(response) -> str:
    body = response.content.decode()
    main = body[body.index("<main") :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.fixture
def changed_case(child_case, caseworker, manager):
    services.update_case_details(
        case=child_case,
        by=manager,
        version=child_case.version,
        details={
            "given_name": "Lilly",
            "family_name": "Brown",
            "date_of_birth": child_case.person.date_of_birth.replace(day=1),
            "setting": child_case.person.setting,
            "caseworker": caseworker,
        },
    )
    services.record_event(
        case=child_case,
        by=caseworker,
        event={"type": "advice_received", "date": "2026-03-02", "from": "health"},
    )
    services.correct_event(
        case=child_case,
        by=caseworker,
        original=CaseEvent.objects.get(case=child_case, type="setting_consulted"),
        event={"type": "setting_consulted", "date": "2026-02-21", "setting": "131204"},
        reason="The letter went a day later",
    )
    return child_case


def test_the_history_shows_each_change_with_who_when_before_after_and_why(client, caseworker, changed_case):
    client.force_login(caseworker)

    response = client.get(URL)

    assert response.status_code == 200
    text = text_of(response)
    titles = re.findall(r'<h2 class="govuk-summary-card__title">([^<]+)</h2>', response.content.decode())
    assert titles == ["Event corrected", "Event recorded", "Details changed", "Record created by an import"]
    assert "Given name Lily Lilly" in text
    assert "Date of birth 30 April 2016 1 April 2016" in text
    assert "Caseworker Nothing Tom Ellis" in text
    assert "Event Nothing Advice received on 2 March 2026 (from: health)" in text
    assert "Setting consulted on 20 February 2026" in text and "Setting consulted on 21 February 2026" in text
    assert "Why The letter went a day later" in text
    assert "When 16 March 2026 at 10:00" in text
    assert f"Who {caseworker.full_name}" in text


def test_an_import_that_changed_the_case_is_listed_with_its_counts(client, caseworker, child_case, area):
    renamed = copy.deepcopy(CHILD)
    renamed["person"]["given_name"] = "Lilly"
    services.import_cases([json.dumps(renamed)], area=area)
    client.force_login(caseworker)

    text = text_of(client.get(URL))

    assert text.count("Record replaced by an import") == 1
    assert text.count("Record created by an import") == 1
    assert "One of 1 cases in the file: 0 new, 1 changed, 0 unchanged" in text


def test_an_import_that_did_not_touch_the_case_is_not_listed(client, caseworker, child_case, area):
    other = {**copy.deepcopy(CHILD), "case_ref": "NB-0099"}
    other["person"]["ref"] = "P0099"
    services.import_cases([json.dumps(CHILD), json.dumps(other)], area=area)
    client.force_login(caseworker)

    text = text_of(client.get(URL))

    assert "Record replaced by an import" not in text
    assert text.count("Record created by an import") == 1


def test_the_person_page_links_to_the_history(client, health_advisor, child_case):
    client.force_login(health_advisor)

    page = client.get(reverse("casework:person", args=["NB-0001"])).content.decode()

    assert f'href="{URL}"' in page


def test_someone_who_may_see_the_case_may_read_its_history_and_it_is_logged(
    client, health_advisor, changed_case
):
    client.force_login(health_advisor)

    response = client.get(URL)

    assert response.status_code == 200
    assert (
        AccessLog.objects.filter(
            actor=health_advisor, case=changed_case, action=Purpose.VIEWED_HISTORY
        ).count()
        == 1
    )


@pytest.mark.parametrize("outsider", ["caseworker_elsewhere", "other_parent"])
def test_an_outsider_gets_404_and_sees_nothing(client, request, outsider, changed_case):
    client.force_login(request.getfixturevalue(outsider))

    response = client.get(URL)

    assert response.status_code == 404
    assert "Lilly" not in response.content.decode()
    assert not AccessLog.objects.filter(action=Purpose.VIEWED_HISTORY).exists()


def test_the_history_page_reads_a_fixed_number_of_queries(
    client, caseworker, changed_case, django_assert_max_num_queries
):
    """Guards against a query per history row (the actor of each change, the key of sealed details)."""
    client.force_login(caseworker)
    for day in (3, 4, 5):
        services.record_event(
            case=changed_case,
            by=caseworker,
            event={"type": "review_meeting", "date": f"2026-03-0{day}"},
        )

    with django_assert_max_num_queries(11):  # one of them reads the person's audit key, once
        client.get(URL)
