from unittest import mock

import pytest
from django.db import connection
from django.db.utils import OperationalError

from sendtrack.core import readiness


@pytest.fixture(autouse=True)
def fresh_readiness():
    readiness.forget_migrations()
    yield
    readiness.forget_migrations()


def test_readyz_is_ok_when_database_migrations_and_queue_are(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "applied", "queue": "ok"}


def test_readyz_says_jobs_run_in_process_without_a_queue(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    assert client.get("/readyz").json()["queue"] == "in-process"


def test_readyz_is_503_while_a_migration_is_pending(client, db):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'messaging'")

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["migrations"] == "pending"


def test_readyz_is_503_when_the_database_does_not_answer(client, db):
    with mock.patch("sendtrack.core.readiness.connections") as handler:
        handler.__getitem__.return_value.cursor.side_effect = OperationalError("down")
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
