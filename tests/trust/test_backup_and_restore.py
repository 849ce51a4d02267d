"""A backup restored into a fresh database has every table with the same rows."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from sendtrack.accounts.mfa import replace_backup_codes
from sendtrack.core.backups import BackupError, connection_for_url, restore_database, table_fingerprints
from tests.trust.conftest import authenticator_for, sign_in_with_password


@pytest.fixture
def some_of_everything(client, caseworker, manager, parent, caseworker_elsewhere):
    """Rows in the accounts, device, session and lockout tables, with dates and binary-free text."""
    authenticator_for(caseworker)
    replace_backup_codes(user=caseworker)
    sign_in_with_password(client, manager)
    Client().post("/account/sign-in/", {"username": "nobody@northbridge.example", "password": "wrong"})


@pytest.fixture
def fresh_database_url(tmp_path):
    """An empty database of the same kind as the test database, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    settings_dict = connection.settings_dict
    name = f"sendtrack_restore_{secrets.token_hex(4)}"
    params = {
        "host": settings_dict["HOST"] or None,
        "port": settings_dict["PORT"] or None,
        "user": settings_dict["USER"] or None,
        "password": settings_dict["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    user = f"{settings_dict['USER']}{':' + settings_dict['PASSWORD'] if settings_dict['PASSWORD'] else ''}@"
    try:
        yield f"postgres://{user}{settings_dict['HOST']}:{settings_dict['PORT'] or 5432}/{name}"
    finally:
        with psycopg.connect(**params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_a_fresh_database_has_the_same_rows_in_every_table(
    some_of_everything, tmp_path, fresh_database_url, capsys
):
    backup_file = tmp_path / "backup"
    call_command("backup", "--output", str(backup_file))
    assert "Backed up" in capsys.readouterr().out
    assert backup_file.stat().st_mode & 0o777 == 0o600

    call_command("restore", str(backup_file), "--database-url", fresh_database_url, "--yes")
    assert "Restored" in capsys.readouterr().out

    original = table_fingerprints(connection)
    with connection_for_url(fresh_database_url) as restored_connection:
        restored = table_fingerprints(restored_connection)
    assert restored == original
    for table in ("accounts_user", "accounts_membership", "otp_totp_totpdevice", "otp_static_statictoken",
                  "django_session", "axes_accessattempt"):  # fmt: skip
        assert original[table].rows > 0, f"{table} was empty, so the test proves nothing about it"


@pytest.mark.django_db(transaction=True)
def test_a_restore_replaces_changes_made_after_the_backup(some_of_everything, caseworker, tmp_path):
    backup_file = tmp_path / "backup"
    call_command("backup", "--output", str(backup_file))
    before = table_fingerprints(connection)
    caseworker.full_name = "Changed after the backup"
    caseworker.save(update_fields=["full_name"])
    assert table_fingerprints(connection) != before

    restore_database(source=backup_file)

    assert table_fingerprints(connection) == before


def test_the_backup_command_will_not_overwrite_a_file(db, tmp_path):
    existing = tmp_path / "backup"
    existing.write_text("keep me")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", "--output", str(existing))
    assert existing.read_text() == "keep me"


def test_a_file_that_is_not_a_backup_is_refused(db, tmp_path):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")

    with pytest.raises(BackupError, match="is not a sendtrack backup"):
        restore_database(source=not_a_backup)


@pytest.mark.django_db(transaction=True)
def test_the_restore_command_asks_before_replacing_the_data(tmp_path, monkeypatch):
    backup_file = tmp_path / "backup"
    call_command("backup", "--output", str(backup_file))
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(backup_file))


def test_the_default_backup_name_says_when_and_what_it_is():
    import datetime as dt

    from sendtrack.core.backups import backup_file_name

    when = dt.datetime(2026, 1, 5, 10, 30, 0)
    assert backup_file_name(now=when, vendor="postgresql") == "sendtrack-20260105-103000.dump"
    assert backup_file_name(now=when, vendor="sqlite") == "sendtrack-20260105-103000.sqlite3"
    assert Path(backup_file_name(now=when, vendor="sqlite")).suffix == ".sqlite3"
