"""Two pieces of work at once: one in a thread with its own database connection, one here."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from typing import TypeVar

from django.db import connections

A = TypeVar("A")
B = TypeVar("B")


def side_by_side(first: Callable[[], A], second: Callable[[], B]) -> tuple[A, B]:
    """`first` in another thread, with its own database connection, while `second` runs here.

    They must write nothing the other reads, and each sees only what was committed before it began
    (so never inside a transaction holding their input). Worth it when one is mostly the database's
    work and the other mostly Python's: each then has a core. An error in either is raised once both
    have ended.
    """

    def in_thread() -> A:
        try:
            return first()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as pool:
        started = pool.submit(in_thread)
        try:
            done = second()
        finally:
            wait([started])
        return started.result(), done
