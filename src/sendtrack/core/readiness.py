"""What /readyz checks: the database answers, every migration is applied, the job queue is reachable.

A load balancer sends traffic only to an instance that is ready; /healthz says only that the
process is alive and reaches its database.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import DatabaseError

_migrations_applied = False


def database_answers() -> bool:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def migrations_applied() -> bool:
    """True when no migration is waiting; remembered once true, as an upgrade restarts the app."""
    global _migrations_applied
    if _migrations_applied:
        return True
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    _migrations_applied = not pending
    return _migrations_applied


def forget_migrations() -> None:
    global _migrations_applied
    _migrations_applied = False


def queue_state() -> str:
    """ "ok" when the job queue's table answers, "in-process" when jobs run inside the web process."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends["default"], DatabaseBackend):
        return "in-process"
    try:
        DBTaskResult.objects.using(DEFAULT_DB_ALIAS).filter(pk__isnull=True).exists()
    except DatabaseError:
        return "unreachable"
    return "ok"


def readiness() -> tuple[bool, dict[str, str]]:
    if not database_answers():
        return False, {"database": "unreachable", "migrations": "unknown", "queue": "unknown"}
    try:
        applied = migrations_applied()
    except DatabaseError:
        applied = False
    queue = queue_state()
    report = {"database": "ok", "migrations": "applied" if applied else "pending", "queue": queue}
    return applied and queue != "unreachable", report
