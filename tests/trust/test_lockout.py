"""Ten failed sign-ins for one email from one address lock it for an hour, known account or not."""

from __future__ import annotations

import re

from django.test import Client

from sendtrack.accounts.forms import SIGN_IN_FAILED
from sendtrack.accounts.lockout import client_address
from tests.factories import TEST_PASSWORD
from tests.trust.conftest import SIGN_IN, sign_in_with_password

LOCKED_OUT = "There have been too many attempts to sign in"


def _fail(client, email: str, times: int, **extra):
    for _ in range(times):
        response = client.post(SIGN_IN, {"username": email, "password": "wrong-password"}, **extra)
    return response


def _without_csrf_token(response) -> str:
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", body)


def test_the_eleventh_attempt_is_refused_even_with_the_right_password(client, caseworker):
    assert SIGN_IN_FAILED in _fail(client, caseworker.email, 9).content.decode()
    assert LOCKED_OUT in _fail(client, caseworker.email, 1).content.decode()

    response = sign_in_with_password(client, caseworker)

    assert response.status_code == 429
    assert LOCKED_OUT in response.content.decode()
    assert client.get("/").status_code == 302


def test_nine_failures_still_let_the_right_password_in(client, caseworker):
    _fail(client, caseworker.email, 9)

    assert sign_in_with_password(client, caseworker)["Location"] == "/"


def test_an_unknown_email_and_a_wrong_password_get_the_same_page(client, caseworker):
    wrong_password = client.post(SIGN_IN, {"username": caseworker.email, "password": "wrong-password"})
    unknown_email = client.post(
        SIGN_IN, {"username": "nobody@northbridge.example", "password": "wrong-password"}
    )

    assert wrong_password.status_code == unknown_email.status_code == 200
    known_page = _without_csrf_token(wrong_password).replace(caseworker.email, "EMAIL")
    unknown_page = _without_csrf_token(unknown_email).replace("nobody@northbridge.example", "EMAIL")
    assert known_page == unknown_page


def test_an_unknown_email_is_locked_out_just_like_a_real_one(client, caseworker):
    _fail(client, caseworker.email, 10)
    _fail(client, "nobody@northbridge.example", 10)

    real = client.post(SIGN_IN, {"username": caseworker.email, "password": TEST_PASSWORD})
    unknown = client.post(SIGN_IN, {"username": "nobody@northbridge.example", "password": TEST_PASSWORD})

    assert real.status_code == unknown.status_code == 429
    assert _without_csrf_token(real) == _without_csrf_token(unknown)


def test_the_lockout_is_for_one_email_from_one_address(client, caseworker, manager):
    _fail(client, caseworker.email, 10, REMOTE_ADDR="203.0.113.7")

    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    assert sign_in_with_password(elsewhere, caseworker)["Location"] == "/"
    assert sign_in_with_password(Client(REMOTE_ADDR="203.0.113.7"), manager)["Location"] == "/"


def test_behind_a_proxy_the_visitor_cannot_choose_the_address_counted(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")

    assert client_address(request) == "203.0.113.7"
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.2"
