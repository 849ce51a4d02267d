"""The fixed reads every page makes run prepared on PostgreSQL (`accounts.prepared`): after a page
view the session's and the memberships' statements are kept by the connection, their values are
sent apart from the text yet logged written in, and with DB_PREPARED_STATEMENTS off, or on SQLite,
nothing is prepared and the reads answer the same."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sendtrack.accounts import prepared
from sendtrack.accounts.sessions import READ_SQL

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements")


def kept_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def read_twice() -> list[tuple]:
    rows = []
    for _ in range(2):
        with prepared.cursor() as cursor:
            cursor.execute("SELECT %s::date + 1, %s::text || 'x'", [dt.date(2026, 1, 5), "café"])
            rows.append(cursor.fetchone())
    return rows


@postgres_only
def test_a_page_view_leaves_the_session_and_membership_reads_prepared(client, caseworker):
    client.force_login(caseworker)

    assert client.get("/").status_code == 200

    kept = kept_statements()
    assert READ_SQL.replace("%s", "$1", 1).replace("%s", "$2") in kept
    assert any("FROM accounts_membership m" in statement for statement in kept)


@postgres_only
def test_values_are_sent_apart_yet_logged_written_in(db):
    with CaptureQueriesContext(connection) as queries:
        rows = read_twice()

    assert rows == [(dt.date(2026, 1, 6), "caféx")] * 2
    assert "SELECT $1::date + 1, $2::text || 'x'" in kept_statements()
    assert "'2026-01-05'" in queries[0]["sql"] and "'café'" in queries[0]["sql"]


@postgres_only
def test_turned_off_nothing_is_prepared(db, settings):
    settings.DB_PREPARED_STATEMENTS = False

    assert read_twice() == [(dt.date(2026, 1, 6), "caféx")] * 2
    assert "SELECT $1::date + 1, $2::text || 'x'" not in kept_statements()


def test_on_any_database_the_cursor_answers_as_djangos_does(db):
    with prepared.cursor() as cursor:
        cursor.execute("SELECT %s, %s", [7, "seven"])
        assert tuple(cursor.fetchone()) == (7, "seven")
