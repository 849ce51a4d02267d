"""Advice, reviews, phase transfers and panels: what each list shows and how many queries it takes."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from sendtrack.casework.models import PanelMeeting
from tests.casework.conftest import import_objects

PLAN = {
    "case_ref": "NB-0100",
    "person": {"ref": "P0100", "given_name": "Maya", "family_name": "Jones"},
    "events": [
        {"type": "request_received", "date": "2024-01-08"},
        {"type": "assessment_decision", "date": "2024-02-12", "outcome": "assess"},
        {"type": "draft_plan_issued", "date": "2024-04-22"},
        {"type": "final_plan_issued", "date": "2024-05-20"},
        {"type": "review_meeting", "date": "2025-01-20"},
        {"type": "phase_transfer", "date": "2026-09-01", "kind": "school"},
    ],
}


def test_the_advice_page_lists_outstanding_advice_by_agency_and_organisation(client, dco, child_case):
    client.force_login(dco)

    body = client.get(reverse("casework:advice")).content.decode()

    assert "Northbridge Community Health NHS Trust" in body
    assert "Lily Brown" in body and "25 March 2026" in body
    assert (
        "educational psychology" not in body.split("Requests waiting for advice")[1].split("Received late")[0]
    )


def test_the_advice_page_reads_a_fixed_number_of_queries(
    client, caseworker, child_case, django_assert_num_queries
):
    client.force_login(caseworker)
    client.get(reverse("casework:advice"))
    # session, user, memberships, count, page, summary, late (no session save within the minute)
    with django_assert_num_queries(7):
        client.get(reverse("casework:advice"))


def test_the_reviews_page_shows_overdue_reviews_and_decisions(client, caseworker, area, council):
    import_objects([PLAN], area)
    client.force_login(caseworker)

    body = client.get(reverse("casework:reviews")).content.decode()

    overdue = body.split('id="overdue"')[1].split('id="no_decision"')[0]
    assert "Maya Jones" in overdue and "19 January 2026" in overdue
    decision = body.split('id="no_decision"')[1].split('id="no_amended_plan"')[0]
    assert "Maya Jones" in decision


def test_the_reviews_page_reads_a_fixed_number_of_queries(
    client, caseworker, area, council, django_assert_num_queries
):
    import_objects([PLAN], area)
    client.force_login(caseworker)
    client.get(reverse("casework:reviews"))
    # session, user, memberships, six lists (no session save within the minute)
    with django_assert_num_queries(9):
        client.get(reverse("casework:reviews"))


def test_the_phase_transfer_page_lists_this_years_transfers_with_their_deadline(
    client, caseworker, area, council, django_assert_num_queries
):
    import_objects([PLAN], area)
    client.force_login(caseworker)
    client.get(reverse("casework:phase-transfers"))

    # session, user, memberships, count, page (no session save within the minute)
    with django_assert_num_queries(5):
        body = client.get(reverse("casework:phase-transfers")).content.decode()

    assert "Maya Jones" in body and "14 February 2026" in body and "Overdue" in body


def test_the_panels_page_lists_decisions_made_without_every_agency(
    client, caseworker, area, council, django_assert_num_queries
):
    obj = {
        **PLAN,
        "events": [
            {"type": "request_received", "date": "2026-01-05"},
            {
                "type": "assessment_decision",
                "date": "2026-02-10",
                "outcome": "assess",
                "panel": ["education", "health"],
            },
        ],
    }
    import_objects([obj], area)
    PanelMeeting.objects.create(
        local_area=area, held_on="2026-02-10", agencies_present=["education", "health"]
    )
    client.force_login(caseworker)
    client.get(reverse("casework:panels"))

    # session, user, memberships, meetings, decisions (no session save within the minute)
    with django_assert_num_queries(5):
        body = client.get(reverse("casework:panels")).content.decode()

    incomplete = body.split('id="incomplete"')[1]
    assert "NB-0100" in incomplete and "Education and health" in incomplete
    assert "Not all agencies" in body


def test_recording_a_panel_meeting(client, caseworker, area):
    client.force_login(caseworker)

    response = client.post(
        reverse("casework:panels"),
        {
            "held_on": "2026-03-10",
            "name": "EHC panel",
            "agencies_present": ["education", "health", "social_care"],
        },
    )

    assert response.status_code == 302
    assert PanelMeeting.objects.get().all_agencies_present


def test_no_review_for_12_months_counts_back_to_the_same_day_as_the_kpi(client, caseworker, area, council):
    """On 31 March 2027 the 12 months run back to 31 March 2026, not to the 28th."""
    issued_30_march = {
        "case_ref": "NB-0101",
        "person": {"ref": "P0101", "given_name": "Omar", "family_name": "Khan"},
        "events": [
            {"type": "request_received", "date": "2025-11-10"},
            {"type": "assessment_decision", "date": "2025-12-15", "outcome": "assess"},
            {"type": "draft_plan_issued", "date": "2026-03-02"},
            {"type": "final_plan_issued", "date": "2026-03-30"},
        ],
    }
    with time_machine.travel(dt.datetime(2027, 3, 31, 10, 0, tzinfo=dt.UTC), tick=False):
        import_objects([issued_30_march], area)
        client.force_login(caseworker)
        body = client.get(reverse("casework:reviews")).content.decode()

    no_review_12 = body.split('id="no_review_12"')[1].split('id="no_review_24"')[0]
    assert "Omar Khan" in no_review_12 and "30 March 2026" in no_review_12
