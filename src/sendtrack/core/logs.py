"""Structured JSON logs: one object a line, each with the request id, and never a child's details.

Only the fields named in ``LOGGED_FIELDS`` are written, so an ``extra=`` that carries a model or a
request cannot leak a name, a date of birth or a case reference. Django's own request loggers put
the URL path (which holds case references) in their message; ``RedactRequestPaths`` rewrites those
messages to the route pattern before any handler sees them.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from typing import Any

from pythonjsonlogger.json import JsonFormatter

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

LOGGED_FIELDS = (
    "request_id",
    "method",
    "route",
    "status",
    "duration_ms",
    "user_id",
    "job_id",
    "job_kind",
    "task",
    "worker_id",
    "schedule",
    "notification_kind",
    "notify_status",
    "identity_provider",
    "outcome",
)
BASE_FIELDS = ("levelname", "name", "message", "time", "exc_info", "stack_info")
INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
PATH_LOGGERS = ("django.request", "django.server", "gunicorn.access")


def new_request_id(incoming: str | None) -> str:
    """The caller's X-Request-ID when it looks like an id (a proxy's), else a fresh one."""
    if incoming and INCOMING_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


class AddRequestId(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = request_id.get()
        return True


class RedactRequestPaths(logging.Filter):
    """Django's request loggers say "Not Found: /casework/cases/NB-1234/"; keep the words, drop the path."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(PATH_LOGGERS):
            request = getattr(record, "request", None)
            match = getattr(request, "resolver_match", None)
            record.route = getattr(match, "route", "") or "unresolved"
            status = getattr(record, "status_code", None)
            if status is not None:
                record.status = status
            reason = record.args[0] if isinstance(record.args, tuple) and record.args else ""
            record.msg = str(reason) if record.name == "django.request" else "request"
            record.args = ()
        return True


class SendtrackJsonFormatter(JsonFormatter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("timestamp", "time")
        super().__init__("%(levelname)s %(name)s %(message)s", *args, **kwargs)

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        super().add_fields(log_data, record, message_dict)
        for key in list(log_data):
            if key not in BASE_FIELDS and key not in LOGGED_FIELDS:
                del log_data[key]
        log_data["level"] = log_data.pop("levelname", record.levelname)
        log_data["logger"] = log_data.pop("name", record.name)


def logging_config(*, level: str, json: bool) -> dict[str, Any]:
    """The LOGGING setting: every log line to standard error, JSON unless asked for text."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "sendtrack.core.logs.AddRequestId"},
            "redact_paths": {"()": "sendtrack.core.logs.RedactRequestPaths"},
        },
        "formatters": {
            "json": {"()": "sendtrack.core.logs.SendtrackJsonFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if json else "text",
                "filters": ["request_id", "redact_paths"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django": {"handlers": ["console"], "level": level, "propagate": False},
            "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
            "django.security.DisallowedHost": {"handlers": ["console"], "level": "ERROR", "propagate": False},
            "sendtrack": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "django_tasks": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "django_tasks_db": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
