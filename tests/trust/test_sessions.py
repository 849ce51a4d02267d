"""Sessions end after 30 minutes idle and 12 hours in all; the key changes at sign-in and dies at sign-out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sendtrack.accounts.selectors import ACTIVE_MEMBERSHIP_SESSION_KEY
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
    assert settings.SESSION_RENEW_AFTER_SECONDS == 60
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60


def _idle_expiry(client) -> dt.datetime:
    return Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date


def test_requests_within_a_minute_of_the_last_renewal_do_not_write_the_session(
    client, caseworker, time_machine
):
    time_machine.move_to(START, tick=False)
    sign_in_with_password(client, caseworker)
    assert _idle_expiry(client) == START + dt.timedelta(minutes=30)

    for seconds in (10, 30, 60):
        time_machine.move_to(START + dt.timedelta(seconds=seconds), tick=False)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert _idle_expiry(client) == START + dt.timedelta(minutes=30)


def test_a_request_over_a_minute_after_the_last_renewal_moves_the_idle_expiry(
    client, caseworker, time_machine
):
    time_machine.move_to(START, tick=False)
    sign_in_with_password(client, caseworker)

    time_machine.move_to(START + dt.timedelta(seconds=61), tick=False)
    assert client.get("/").status_code == 200
    assert _idle_expiry(client) == START + dt.timedelta(seconds=61, minutes=30)
    time_machine.move_to(START + dt.timedelta(seconds=100), tick=False)
    assert client.get("/").status_code == 200
    assert _idle_expiry(client) == START + dt.timedelta(seconds=61, minutes=30)


@pytest.mark.parametrize("every_seconds", [20, 59, 61])
def test_a_busy_session_ends_between_29_and_30_minutes_after_its_last_request(
    client, caseworker, time_machine, every_seconds
):
    time_machine.move_to(START, tick=False)
    sign_in_with_password(client, caseworker)
    last = START
    for n in range(1, 10 * 60 // every_seconds):
        last = START + dt.timedelta(seconds=n * every_seconds)
        time_machine.move_to(last, tick=False)
        assert client.get("/").status_code == 200

    expiry = _idle_expiry(client)
    assert last + dt.timedelta(minutes=29) <= expiry <= last + dt.timedelta(minutes=30)
    time_machine.move_to(expiry + dt.timedelta(seconds=1), tick=False)
    assert client.get("/")["Location"].startswith("/account/sign-in/")


def test_a_change_to_the_session_is_saved_at_once(client, caseworker, time_machine):
    time_machine.move_to(START, tick=False)
    sign_in_with_password(client, caseworker)
    membership = caseworker.memberships.first()

    time_machine.move_to(START + dt.timedelta(seconds=5), tick=False)
    client.post("/account/switch-organisation/", {"membership": membership.pk})
    assert client.session[ACTIVE_MEMBERSHIP_SESSION_KEY] == membership.pk

    assert _idle_expiry(client) == START + dt.timedelta(seconds=5, minutes=30)


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
