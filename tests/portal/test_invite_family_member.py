from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from sendtrack.accounts.models import Membership, Role, User
from sendtrack.casework.models import Case, FamilyLink
from sendtrack.portal.models import FamilyInvitation
from sendtrack.portal.services import invitations


def invite_url(case):
    return reverse("portal:invite-family-member", args=[case.case_ref])


def test_a_caseworker_invites_a_parent_who_accepts_and_sees_the_record(
    client, caseworker, child_case, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            invite_url(child_case),
            {"full_name": "Jo Brown", "email": "Jo.Brown@example.org", "relationship": "parent"},
        )
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["jo.brown@example.org"]
    link = next(line for line in mailoutbox[0].body.splitlines() if "/family/accept-invitation/" in line)
    client.logout()

    page = client.get(link)
    assert page.status_code == 200
    response = client.post(
        link, {"password1": "a-long-family-password", "password2": "a-long-family-password"}
    )

    assert response.status_code == 302 and response["Location"] == reverse("portal:family-home")
    jo = User.objects.get(email="jo.brown@example.org")
    assert Membership.objects.filter(
        user=jo, role=Role.PARENT, organisation__name="Northbridge Council"
    ).exists()
    assert (
        FamilyLink.objects.current().filter(user=jo, person=child_case.person, granted_by=caseworker).exists()
    )
    assert client.get(reverse("portal:family-case", args=[child_case.case_ref])).status_code == 200
    assert client.get(link).status_code == 404  # used once


def test_a_young_person_under_16_cannot_have_their_own_account(client, caseworker, child_case):
    client.force_login(caseworker)
    response = client.post(
        invite_url(child_case),
        {
            "full_name": "Lily Brown",
            "email": "lily@example.org",
            "relationship": "young_person",
            "council_decision_confirmed": "on",
        },
    )

    assert response.status_code == 200
    assert invitations.YOUNG_PERSON_UNDER_16 in html.unescape(response.content.decode())
    assert not FamilyInvitation.objects.exists()


@pytest.fixture
def older_case(child_case) -> Case:
    person = child_case.person
    person.date_of_birth = dt.date(2010, 3, 16)  # 16 today
    person.save(update_fields=["date_of_birth"])
    return child_case


def test_a_young_person_of_16_needs_the_councils_decision(client, caseworker, older_case):
    client.force_login(caseworker)
    data = {"full_name": "Lily Brown", "email": "lily@example.org", "relationship": "young_person"}

    refused = client.post(invite_url(older_case), data)
    assert invitations.YOUNG_PERSON_NOT_CONFIRMED in html.unescape(refused.content.decode())

    accepted = client.post(invite_url(older_case), {**data, "council_decision_confirmed": "on"})
    assert accepted.status_code == 302
    assert FamilyInvitation.objects.get().council_decision_confirmed is True


def test_a_signed_in_parent_accepts_with_their_own_account(client, parent, caseworker, child_case):
    invitation = invitations.invite_family_member(
        person=child_case.person,
        email=parent.email,
        full_name="Alex Morgan",
        relationship="parent",
        by=caseworker,
    )
    link = reverse("portal:accept-family-invitation", args=[invitations.invitation_token(invitation)])
    anonymous = html.unescape(client.get(link).content.decode())
    assert "Sign in to accept the invitation" in anonymous

    client.force_login(parent)
    assert client.post(link).status_code == 302
    assert FamilyLink.objects.current().filter(user=parent, person=child_case.person).exists()


def test_an_invitation_cannot_be_accepted_by_someone_else(client, other_parent, caseworker, child_case):
    invitation = invitations.invite_family_member(
        person=child_case.person, email="jo@example.org", full_name="Jo", relationship="parent", by=caseworker
    )
    client.force_login(other_parent)
    link = reverse("portal:accept-family-invitation", args=[invitations.invitation_token(invitation)])

    response = client.post(link)

    assert invitations.WRONG_ACCOUNT in html.unescape(response.content.decode())
    assert not FamilyLink.objects.filter(user=other_parent).exists()


def test_a_forged_link_does_not_work(client):
    assert client.get(reverse("portal:accept-family-invitation", args=["not-a-token"])).status_code == 404


def test_a_caseworker_elsewhere_cannot_reach_the_invitation_page(client, caseworker_elsewhere, child_case):
    client.force_login(caseworker_elsewhere)
    assert client.get(invite_url(child_case)).status_code == 404


def test_a_parent_who_can_see_the_case_may_not_invite(client, parent, child_case, family_link):
    client.force_login(parent)
    assert client.get(invite_url(child_case)).status_code == 403


def test_other_parent_gets_not_found_on_the_staff_page(client, other_parent, child_case):
    client.force_login(other_parent)
    assert client.get(reverse("portal:family-access", args=[child_case.case_ref])).status_code == 404


def test_linking_a_family_member_twice_keeps_one_link(parent, caseworker, child_case):
    first = invitations.link_family_member(
        person=child_case.person, user=parent, relationship="parent", granted_by=caseworker
    )
    second = invitations.link_family_member(
        person=child_case.person, user=parent, relationship="parent", granted_by=caseworker
    )
    assert first.pk == second.pk
