from __future__ import annotations

from django.db import DatabaseError
from django.urls import reverse

from sendtrack.casework import access
from sendtrack.casework.models import AccessLog
from tests.access_log_failure import refusing_cursor


def test_the_person_page_shows_details_timeline_and_citations(client, caseworker, child_case):
    client.force_login(caseworker)

    response = client.get(reverse("casework:person", args=["NB-0001"]))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Lily Brown" in body and "30 April 2016" in body and "Oakfield Primary School" in body
    assert "Health advice from Northbridge Community Health NHS Trust" in body and "reg. 8(1)" in body
    assert "Record the next event" in body


def test_the_person_page_names_time_limits_and_events_in_words(client, caseworker, child_case):
    client.force_login(caseworker)

    body = client.get(reverse("casework:person", args=["NB-0001"])).content.decode()

    assert "Decision whether to assess" in body and "Educational psychology advice" in body
    assert "Reply from Oakfield Primary School" in body
    assert "consulting Oakfield Primary School on 20 February 2026" in body
    assert "Request for assessment received from a parent" in body
    assert "Health advice requested from Northbridge Community Health NHS Trust" in body
    assert "Consulted Oakfield Primary School" in body
    assert "Decided to assess: panel with education, health and social care" in body
    for code in ("advice:health", "assessment_decision", "plan_decision_refusal", "131204", "['"):
        assert code not in body.split('id="milestones"')[1], code


def test_viewing_a_record_writes_an_access_log_row(client, health_advisor, child_case):
    client.force_login(health_advisor)

    client.get(reverse("casework:person", args=["NB-0001"]))

    log = AccessLog.objects.get()
    assert (log.actor, log.case, log.person, log.action) == (
        health_advisor,
        child_case,
        child_case.person,
        "viewed record",
    )


def test_a_health_advisor_sees_the_record_but_no_forms(client, health_advisor, child_case):
    client.force_login(health_advisor)

    body = client.get(reverse("casework:person", args=["NB-0001"])).content.decode()

    assert "Lily Brown" in body and "Record the next event" not in body


def test_the_record_is_not_shown_when_the_access_log_cannot_be_written(
    client, caseworker, child_case, monkeypatch
):
    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(access, "prepared_cursor", refusing_cursor(broken))
    client.force_login(caseworker)

    response = client.get(reverse("casework:person", args=["NB-0001"]))

    assert response.status_code == 503
    assert "Lily" not in response.content.decode()


def test_a_parent_with_a_family_link_sees_their_childs_record(client, parent, family_link):
    client.force_login(parent)

    response = client.get(reverse("casework:person", args=["NB-0001"]))

    assert response.status_code == 200 and "Lily Brown" in response.content.decode()


def test_the_person_page_reads_a_fixed_number_of_queries(
    client, caseworker, child_case, django_assert_num_queries
):
    client.force_login(caseworker)
    url = reverse("casework:person", args=["NB-0001"])
    client.get(url)
    # session, user, memberships, the case, access log row, events, milestones, flags, the area's
    # forecast check, and whether the family panel has anything to show (nothing here); the
    # session is not saved: its idle expiry moved less than a minute ago
    with django_assert_num_queries(10):
        client.get(url)


def test_the_family_panel_reads_its_lists_only_when_there_is_something_to_show(
    client, caseworker, child_case, family_link, django_assert_num_queries
):
    client.force_login(caseworker)
    url = reverse("casework:person", args=["NB-0001"])
    client.get(url)
    # as above, then family members, open invitations and responses to the draft
    with django_assert_num_queries(13):
        client.get(url)


def test_the_send_team_sees_who_in_the_family_follows_the_record(client, caseworker, child_case, family_link):
    client.force_login(caseworker)

    body = client.get(reverse("casework:person", args=["NB-0001"])).content.decode()

    assert "Alex Morgan" in body and "Invite a family member" in body


def test_a_health_advisor_does_not_see_the_family_panel(client, health_advisor, child_case, family_link):
    client.force_login(health_advisor)

    body = client.get(reverse("casework:person", args=["NB-0001"])).content.decode()

    assert "Invite a family member" not in body and "Alex Morgan" not in body


def test_the_home_page_counts_the_caseworkers_open_and_overdue_requests(client, caseworker, child_case):
    client.force_login(caseworker)

    body = client.get(reverse("core:home")).content.decode()

    assert 'id="casework-summary"' in body and "open requests" in body and "past a time limit" in body


def test_the_home_page_shows_a_board_member_no_casework_counts(client, read_only_officer, child_case):
    client.force_login(read_only_officer)

    assert 'id="casework-summary"' not in client.get(reverse("core:home")).content.decode()
