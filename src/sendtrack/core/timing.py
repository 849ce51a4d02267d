"""Wall and CPU time of the long steps of a large job, logged so that a slow run can be read step by
step: at DEBUG on the `sendtrack.timing` logger, which `show_step_times` turns on (`demo-data -v2`)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

logger = logging.getLogger("sendtrack.timing")


@contextmanager
def logged_time(step: str) -> Iterator[None]:
    """Log `step`'s wall seconds and this process's CPU seconds when it ends (the database server's
    CPU is not this process's, so a step the server does shows little CPU here)."""
    started, cpu = time.monotonic(), time.process_time()
    yield
    log_time(step, started, cpu)


def log_time(step: str, started: float, cpu: float) -> None:
    """Log a step that began at `time.monotonic()` `started` with `time.process_time()` `cpu`."""
    logger.debug("%s: %.1f s wall, %.1f s CPU", step, time.monotonic() - started, time.process_time() - cpu)


def show_step_times() -> None:
    logger.setLevel(logging.DEBUG)
