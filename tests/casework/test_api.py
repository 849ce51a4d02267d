from __future__ import annotations

import datetime as dt

from sendtrack.casework.case_file_selectors import case_file_dict
from sendtrack.casework.models import AccessLog, CaseEvent
from sendtrack.casework.services.events import ADVICE_NOT_REQUESTED
from sendtrack.statutory import timeline_json


def test_the_timeline_is_the_same_json_as_the_timeline_command(client, caseworker, child_case, child_obj):
    client.force_login(caseworker)

    response = client.get("/api/cases/NB-0001/timeline")

    assert response.status_code == 200
    assert response.json() == timeline_json(child_obj, dt.date(2026, 3, 16))
    assert AccessLog.objects.filter(actor=caseworker, case=child_case, action="viewed timeline").exists()


def test_the_tracker_api_returns_the_tracker_rows(client, caseworker, child_case, uninvolved_case):
    client.force_login(caseworker)

    body = client.get("/api/tracker", {"stage": "consultation"}).json()

    assert body["count"] == 1
    row = body["rows"][0]
    assert (row["case_ref"], row["stage"], row["next_due"], row["status"]) == (
        "NB-0001",
        "consultation",
        "2026-03-07",
        "Overdue",
    )
    assert (row["next_due_for"], row["stage_label"], row["next_due_for_label"]) == (
        "setting_response:131204",
        "Consultation",
        "Reply from Oakfield Primary School",
    )


def test_the_tracker_api_shows_a_health_advisor_only_cases_health_was_asked_about(
    client, health_advisor, child_case, uninvolved_case
):
    client.force_login(health_advisor)

    body = client.get("/api/tracker").json()

    assert [r["case_ref"] for r in body["rows"]] == ["NB-0001"]


def test_posting_an_event_records_it_with_the_forms_checks(client, caseworker, child_case):
    client.force_login(caseworker)

    created = client.post(
        "/api/cases/NB-0001/events",
        {"type": "advice_received", "date": "2026-03-12", "from": "health"},
        content_type="application/json",
    )
    refused = client.post(
        "/api/cases/NB-0001/events",
        {"type": "advice_received", "date": "2026-03-12", "from": "social_care"},
        content_type="application/json",
    )

    assert created.status_code == 201 and created.json()["data"]["from"] == "health"
    assert created.json()["description"] == "Health advice received"
    assert refused.status_code == 400
    assert refused.json()["detail"] == ADVICE_NOT_REQUESTED.format(agency="social care")
    assert case_file_dict(child_case)["events"][-1] == {
        "type": "advice_received",
        "date": "2026-03-12",
        "from": "health",
    }


def test_a_malformed_event_is_refused_with_the_engines_reason(client, caseworker, child_case):
    client.force_login(caseworker)

    response = client.post(
        "/api/cases/NB-0001/events",
        {"type": "assessment_decision", "date": "2026-03-12", "outcome": "maybe"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["field"] == "outcome"


def test_someone_who_may_see_but_not_change_the_case_gets_403_from_the_api(client, senco, child_case):
    client.force_login(senco)

    response = client.post(
        "/api/cases/NB-0001/events",
        {"type": "draft_plan_issued", "date": "2026-03-12"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert not CaseEvent.objects.filter(type="draft_plan_issued").exists()


def test_the_tracker_api_refuses_an_id_no_database_could_hold(client, caseworker, child_case):
    client.force_login(caseworker)

    too_big = client.get("/api/tracker", {"setting": str(2**80)})
    negative = client.get("/api/tracker", {"caseworker": "-3"})

    assert too_big.status_code == 422
    assert negative.status_code == 422
    assert client.get("/api/tracker", {"overdue": "true"}).status_code == 200
