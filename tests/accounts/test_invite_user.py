import re

from django.core import signing

from sendtrack.accounts.forms import MISSING_NAME
from sendtrack.accounts.models import Membership, Role, User


def test_a_send_manager_invites_a_caseworker_into_their_organisation(client, manager, council):
    client.force_login(manager)

    response = client.post(
        "/account/invite-user/",
        {"full_name": "Nia Brown", "email": "Nia.Brown@northbridge.example", "role": Role.CASEWORKER},
        follow=True,
    )

    assert response.status_code == 200
    invited = User.objects.get(email="nia.brown@northbridge.example")
    assert not invited.has_usable_password()
    assert Membership.objects.filter(user=invited, organisation=council, role=Role.CASEWORKER).exists()
    link = re.search(r"/account/accept-invitation/[^/\s]+/", response.content.decode())
    assert link is not None


def test_the_invited_person_sets_a_password_and_is_signed_in(client, manager, council):
    client.force_login(manager)
    response = client.post(
        "/account/invite-user/",
        {"full_name": "Nia Brown", "email": "nia@northbridge.example", "role": "caseworker"},
        follow=True,
    )
    link = re.search(r"/account/accept-invitation/[^/\s]+/", response.content.decode()).group(0)
    client.logout()

    weak = client.post(link, {"password1": "short", "password2": "short"})
    assert "There is a problem" in weak.content.decode()
    accepted = client.post(link, {"password1": "a-long-new-passphrase", "password2": "a-long-new-passphrase"})

    assert accepted.status_code == 302
    assert User.objects.get(email="nia@northbridge.example").check_password("a-long-new-passphrase")


def test_a_tampered_invitation_link_gets_a_polite_page(client, db):
    response = client.get("/account/accept-invitation/not-a-real-token/")

    assert response.status_code == 404
    assert "This invitation link has expired" in response.content.decode()


def test_the_invitation_form_says_what_is_missing(client, manager):
    client.force_login(manager)

    body = client.post("/account/invite-user/", {"full_name": "", "email": "x@example.org"}).content.decode()

    assert MISSING_NAME in body
    assert "Select a role" in body


def test_a_caseworker_cannot_invite_anyone(client, caseworker):
    client.force_login(caseworker)

    assert client.get("/account/invite-user/").status_code == 404


def test_invitation_tokens_are_signed(db):
    token = signing.dumps(1, salt="sendtrack.invitation")
    assert signing.loads(token, salt="sendtrack.invitation") == 1
