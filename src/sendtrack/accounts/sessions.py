"""Sessions in the database, as Django's `db` engine keeps them, read by a fixed statement.

Every signed-in request loads its session; the ORM built and compiled the same query each time.
Only reading changes: the same table, rows and expiry rule (a session past its `expire_date` is
not found), and saving, renewing and deleting are Django's.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.db import router
from django.utils import timezone

from sendtrack.accounts import prepared

READ_SQL = "SELECT session_data FROM django_session WHERE session_key = %s AND expire_date > %s"


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        if not self.session_key:
            self._session_key = None
            return {}
        using = router.db_for_read(self.model)
        with prepared.cursor(using) as cursor:
            now = cursor.db.ops.adapt_datetimefield_value(timezone.now())
            cursor.execute(READ_SQL, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])
