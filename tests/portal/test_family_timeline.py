from __future__ import annotations

import html

import pytest
from django.urls import reverse

from sendtrack.casework.models import AccessLog, FamilyLink
from sendtrack.portal.services.invitations import link_family_member
from tests.portal.conftest import import_case


def timeline_url(case):
    return reverse("portal:family-case", args=[case.case_ref])


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_parent_sees_where_each_step_stands_in_plain_words(client, parent, child_case, family_link):
    response = signed_in(client, parent).get(timeline_url(child_case))

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Lily's plan" in page
    assert "Done on 10 February 2026. This was on time (due by 16 February 2026)." in page
    assert "SEND Regulations 2014, regulation 5(1)" in page
    assert "Waiting for:</strong> Northbridge Community Health NHS Trust" in page
    assert "must send their health advice about Lily by 25 March 2026." in page
    assert "Health advice from Northbridge Community Health NHS Trust" in page
    assert "15 days from consulting Oakfield Primary School on 20 February 2026" in page
    assert "The council asked Oakfield Primary School if it can meet Lily's needs." in page


def test_two_kinds_of_advice_from_one_organisation_are_told_apart(client, parent, area, council, caseworker):
    both = {
        "case_ref": "NB-0003",
        "person": {
            "ref": "P0003",
            "given_name": "Maya",
            "family_name": "Shah",
            "date_of_birth": "2015-06-01",
        },
        "events": [
            {"type": "request_received", "date": "2026-01-05", "source": "parent"},
            {"type": "assessment_decision", "date": "2026-02-10", "outcome": "assess"},
            {
                "type": "advice_requested",
                "date": "2026-02-11",
                "from": "social_care",
                "to": "Northbridge Council",
            },
            {
                "type": "advice_requested",
                "date": "2026-02-11",
                "from": "educational_psychology",
                "to": "Northbridge Council",
            },
            {"type": "advice_received", "date": "2026-03-02", "from": "social_care"},
        ],
    }
    case = import_case(both, area)
    link_family_member(
        person=case.person, user=parent, relationship=FamilyLink.Relationship.PARENT, granted_by=caseworker
    )

    page = html.unescape(signed_in(client, parent).get(timeline_url(case)).content.decode())

    assert "Social care advice from Northbridge Council" in page
    assert "Educational psychology advice from Northbridge Council" in page
    assert "Advice from Northbridge Council" not in page
    assert "The council asked Northbridge Council for educational psychology advice." in page
    assert "Social care advice arrived from Northbridge Council." in page


def test_a_late_step_says_so_plainly(client, parent, child_case, family_link):
    page = html.unescape(signed_in(client, parent).get(timeline_url(child_case)).content.decode())

    assert "Oakfield Primary School is late. This was due on 7 March 2026. It is 9 days late." in page
    assert "govuk-tag--red" in page


def test_what_happens_next_names_the_earliest_open_deadline(client, parent, child_case, family_link):
    page = html.unescape(signed_in(client, parent).get(timeline_url(child_case)).content.decode())

    assert "What happens next:</strong> Reply from Oakfield Primary School, by 7 March 2026." in page


def test_viewing_the_timeline_is_written_to_the_access_log(client, parent, child_case, family_link):
    signed_in(client, parent).get(timeline_url(child_case))

    assert AccessLog.objects.filter(actor=parent, case=child_case).count() == 1


@pytest.mark.parametrize("who", ["other_parent", "caseworker_elsewhere"])
def test_anyone_else_changing_the_url_gets_not_found(client, request, child_case, family_link, who):
    response = signed_in(client, request.getfixturevalue(who)).get(timeline_url(child_case))

    assert response.status_code == 404
    assert not AccessLog.objects.filter(case=child_case).exists()


def test_a_case_that_does_not_exist_looks_the_same_as_a_hidden_one(client, parent, family_link):
    assert signed_in(client, parent).get(reverse("portal:family-case", args=["NB-9999"])).status_code == 404


def test_a_caseworker_who_is_not_family_does_not_get_the_family_page(client, caseworker, child_case):
    assert signed_in(client, caseworker).get(timeline_url(child_case)).status_code == 404


def test_the_family_home_lists_only_their_own_children(client, parent, other_parent, child_case, family_link):
    page = html.unescape(signed_in(client, parent).get(reverse("portal:family-home")).content.decode())
    assert "NB-0001" in page

    client.logout()
    page = html.unescape(signed_in(client, other_parent).get(reverse("portal:family-home")).content.decode())
    assert "NB-0001" not in page
    assert "We cannot find a child's record linked to your account yet." in page


def test_the_timeline_api_answers_the_parent_and_hides_the_case_from_others(
    client, parent, other_parent, child_case, family_link
):
    url = f"/api/family/cases/{child_case.case_ref}/timeline"
    data = signed_in(client, parent).get(url).json()
    assert data["case_ref"] == "NB-0001"
    assert any(
        step["waiting_for"] == "Northbridge Community Health NHS Trust"
        for journey in data["journeys"]
        for step in journey["steps"]
    )

    client.logout()
    assert signed_in(client, other_parent).get(url).status_code == 404


def test_the_timeline_page_makes_a_fixed_number_of_queries(
    client, parent, child_case, family_link, django_assert_max_num_queries
):
    signed_in(client, parent)
    # Guards against a query per milestone or per event (N+1).
    with django_assert_max_num_queries(20):
        client.get(timeline_url(child_case))


def test_the_family_home_makes_a_fixed_number_of_queries(
    client, parent, child_case, family_link, draft_case, draft_link, django_assert_max_num_queries
):
    signed_in(client, parent)
    # Guards against a query per child or per survey.
    with django_assert_max_num_queries(12):
        client.get(reverse("portal:family-home"))
