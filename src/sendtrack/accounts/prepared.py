"""A cursor whose statements PostgreSQL keeps prepared, for the fixed reads every page makes.

Django sends each statement with its values written into the text (client-side binding), so
PostgreSQL parses and plans it afresh every time: for the person page's eight small reads, about
2 ms of the database's CPU a request, against 0.4 ms when the same statements are prepared once a
connection and then only executed. Only statements written once in our own code go through here
(the text never changes, only the values): the ORM compiles its SQL for client-side binding and
keeps using Django's own cursor.

Prepared statements belong to a connection, so they pay off with persistent connections
(`DB_CONN_MAX_AGE`). Behind a pooler that hands a client a different server connection each
transaction (PgBouncer's transaction mode before 1.21), turn them off with
`DB_PREPARED_STATEMENTS=false`. Elsewhere (SQLite) this is Django's cursor.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.postgresql.base import (  # type: ignore[attr-defined]
    CursorDebugWrapper,
    ServerBindingCursor,
)
from django.db.backends.postgresql.psycopg_any import register_tzloader  # type: ignore[import-untyped]
from django.db.backends.utils import CursorWrapper
from psycopg.postgres import types
from psycopg.pq import Format

TIMESTAMPTZ = types["timestamptz"].oid
# Django leaves psycopg's threshold at None, which turns preparing off altogether; a count never
# reached turns it on for the statements asked to be prepared (Django's own cursors never are).
ONLY_WHEN_ASKED = 2**31 - 1


class PreparingCursor(ServerBindingCursor):  # type: ignore[misc]
    """Values sent apart from the text, and the statement prepared from its first use."""

    def execute(self, query: Any, params: Any = None, *, prepare: bool | None = None, **options: Any) -> Any:
        return super().execute(query, params, prepare=True if prepare is None else prepare, **options)


class LoggedCursor(CursorDebugWrapper):
    """Django's query log (tests, DEBUG), each statement logged with its values written in as
    Django logs its own; psycopg keeps no text of a statement sent with its values apart."""

    def execute(self, sql: Any, params: Any = None) -> Any:
        with self.debug_sql(self.db.ops.compose_sql(sql, params) if params else sql, params):
            return CursorWrapper.execute(self, sql, params)


def cursor(using: str = DEFAULT_DB_ALIAS) -> CursorWrapper:
    """A cursor for statements written once: prepared on PostgreSQL, Django's own elsewhere.

    Used as Django's is (`with prepared.cursor() as cursor:`); queries are logged and errors
    wrapped as Django's are."""
    connection = connections[using]
    if connection.vendor != "postgresql" or not settings.DB_PREPARED_STATEMENTS:
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    if connection.connection.prepare_threshold is None:
        connection.connection.prepare_threshold = ONLY_WHEN_ASKED
    raw = PreparingCursor(connection.connection)
    loader = connection.connection.adapters.get_loader(TIMESTAMPTZ, Format.TEXT)
    if loader.timezone != connection.timezone:  # as Django's own cursors do
        register_tzloader(connection.timezone, raw)
    if connection.queries_logged:
        return LoggedCursor(raw, connection)
    return connection.make_cursor(raw)
