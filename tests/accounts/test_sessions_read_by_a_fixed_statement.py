"""Sessions are Django's database sessions, read by one fixed statement (`accounts.sessions`): a
live session loads what was saved, an expired or unknown one loads nothing and gets a new key."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.sessions.models import Session

from sendtrack.accounts.sessions import SessionStore


def test_the_service_uses_it():
    assert settings.SESSION_ENGINE == "sendtrack.accounts.sessions"


def test_a_live_session_loads_what_was_saved_in_one_query(db, django_assert_num_queries):
    saved = SessionStore()
    saved["signed_in_at"] = 5.0
    saved["note"] = "café"
    saved.save()

    with django_assert_num_queries(1):
        loaded = SessionStore(saved.session_key)
        assert loaded["note"] == "café" and loaded["signed_in_at"] == 5.0
    assert loaded.session_key == saved.session_key


def test_an_expired_or_unknown_session_loads_nothing(db):
    saved = SessionStore()
    saved["note"] = "x"
    saved.save()
    Session.objects.filter(session_key=saved.session_key).update(
        expire_date=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    )

    expired = SessionStore(saved.session_key)
    unknown = SessionStore("a" * 32)

    assert "note" not in expired and expired.session_key is None
    assert "note" not in unknown and unknown.session_key is None
    assert "note" not in SessionStore(None)
