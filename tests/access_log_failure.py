"""A database that refuses the access-log row, for the tests of the door's fail-closed answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class RefusingCursor:
    """Stands in for the door's cursor: every statement fails as the database would fail it."""

    def __init__(self, refuse: Callable[..., Any]) -> None:
        self.execute = refuse

    def __enter__(self) -> RefusingCursor:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def refusing_cursor(refuse: Callable[..., Any]) -> Callable[..., RefusingCursor]:
    return lambda *args, **kwargs: RefusingCursor(refuse)
