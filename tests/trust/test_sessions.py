"""Sessions end after 30 minutes idle and 12 hours in all; the key changes at sign-in and dies at sign-out."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from tests.trust.conftest import sign_in_with_password

START = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def test_a_session_ends_after_thirty_minutes_without_a_request(client, caseworker, time_machine):
    time_machine.move_to(START, tick=False)
    sign_in_with_password(client, caseworker)

    time_machine.move_to(START + dt.timedelta(minutes=29), tick=False)
    assert client.get("/").status_code == 200
    time_machine.move_to(START + dt.timedelta(minutes=29 + 31), tick=False)
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_a_busy_session_still_ends_twelve_hours_after_sign_in(client, caseworker, time_machine):
    time_machine.move_to(START, tick=False)
    sign_in_with_password(client, caseworker)

    for minutes in range(25, 12 * 60, 25):
        time_machine.move_to(START + dt.timedelta(minutes=minutes), tick=False)
        assert client.get("/").status_code == 200, f"signed out after {minutes} minutes"
    time_machine.move_to(START + dt.timedelta(hours=12, minutes=1), tick=False)
    response = client.get("/")

    assert response["Location"] == "/account/sign-in/?expired=1"
    assert client.get("/")["Location"].startswith("/account/sign-in/")


def test_the_limits_are_thirty_minutes_and_twelve_hours():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60


def test_signing_in_gives_a_new_session_key(client, caseworker):
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key

    sign_in_with_password(client, caseworker)

    after = client.cookies["sessionid"].value
    assert after != before
    assert not SessionStore().exists(before)


def test_signing_out_deletes_the_session_so_its_cookie_is_worthless(client, caseworker):
    sign_in_with_password(client, caseworker)
    key = client.cookies["sessionid"].value
    assert client.get("/").status_code == 200

    client.post("/account/sign-out/")

    assert not SessionStore().exists(key)
    client.cookies["sessionid"] = key
    assert client.get("/")["Location"].startswith("/account/sign-in/")


def test_the_session_cookie_cannot_be_read_by_scripts_or_sent_cross_site():
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
