"""Signing in with an email address and password: Django's `ModelBackend`, with the signed-in user
read on every request by a statement written once.

Every signed-in request loads its user; Django's backend builds and compiles the same ORM query
each time (about a tenth of the person page's Python time). Only that read changes: the same row,
the same answer for an inactive user (none), and checking passwords and permissions is Django's.

Sessions signed in before this backend existed name Django's; `follow_renamed_backend` moves such
a session over on its next request, so nobody is signed out by the change.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends.base import SessionBase
from django.db import router

from sendtrack.accounts import prepared
from sendtrack.accounts.fixed_select import Columns
from sendtrack.accounts.models import User

PASSWORD_BACKEND = "sendtrack.accounts.backends.PasswordBackend"  # noqa: S105 - a dotted path
RENAMED_FROM = "django.contrib.auth.backends.ModelBackend"
COLUMNS = Columns((User, "u"))
READ_SQL = f"SELECT {COLUMNS.sql()} FROM accounts_user u WHERE u.id = %s"  # noqa: S608 - the model's columns


class PasswordBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        with prepared.cursor(router.db_for_read(User)) as cursor:
            cursor.execute(READ_SQL, [user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        (user,) = COLUMNS.instances(row)
        return user if self.user_can_authenticate(user) else None  # type: ignore[return-value]


def follow_renamed_backend(session: SessionBase) -> None:
    if session.get(BACKEND_SESSION_KEY) == RENAMED_FROM:
        session[BACKEND_SESSION_KEY] = PASSWORD_BACKEND
