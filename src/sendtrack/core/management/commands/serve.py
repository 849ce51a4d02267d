"""`sendtrack serve`: the production web server (gunicorn) with sendtrack's settings."""

from __future__ import annotations

import gc
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections
from gunicorn.app.base import BaseApplication


class SendtrackServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        """The application settings.WSGI_APPLICATION names, loaded as `runserver` loads it.

        Loaded once in the arbiter before the workers are forked (`preload_app`), so a worker
        replaced after `max_requests` starts in milliseconds instead of importing Django and
        the service again for about a second, while its partner serves every request alone.
        No connection may cross the fork, and the loaded objects are moved out of the garbage
        collector's sight so that its passes do not touch (and copy) the pages shared with it."""
        from django.core.servers.basehttp import get_internal_wsgi_application

        application = get_internal_wsgi_application()
        connections.close_all()
        gc.freeze()
        return application


def server_options(bind: str) -> dict[str, Any]:
    """gunicorn's settings, from sendtrack's; shutdown waits SERVE_GRACEFUL_TIMEOUT for requests in flight.

    One thread a process means gunicorn's sync worker: a threaded worker with one thread keeps each
    kept-alive client connection for itself, so eight connections could sit six on one process and
    two on the other, halving the throughput at random (tracker page 3 measured at 58 and 153
    requests a second in two runs; with sync workers 155 and 163)."""
    return {
        "bind": [bind],
        "workers": settings.SERVE_WORKERS,
        "threads": settings.SERVE_THREADS,
        "worker_class": "gthread" if settings.SERVE_THREADS > 1 else "sync",
        "timeout": settings.SERVE_TIMEOUT,
        "graceful_timeout": settings.SERVE_GRACEFUL_TIMEOUT,
        "keepalive": 5,
        "preload_app": True,
        "max_requests": 5000,
        "max_requests_jitter": 500,
        "forwarded_allow_ips": settings.SERVE_FORWARDED_ALLOW_IPS,
        "accesslog": None,
        "errorlog": "-",
        "logconfig_dict": {
            **settings.LOGGING,
            "loggers": {
                "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            },
        },
        "proc_name": "sendtrack",
        "control_socket_disable": True,
    }


class Command(BaseCommand):
    help = "Serve sendtrack under gunicorn, the production web server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind", default=settings.SERVE_BIND, help="HOST:PORT to listen on (default: SENDTRACK_BIND)"
        )

    def handle(self, *args: Any, bind: str, **options: Any) -> None:
        connections.close_all()
        self.stdout.write(
            f"Serving sendtrack on http://{bind} with {settings.SERVE_WORKERS} processes of "
            f"{settings.SERVE_THREADS} threads ({settings.SENDTRACK_ENV} settings)"
        )
        self.stdout.flush()
        SendtrackServer(server_options(bind)).run()
