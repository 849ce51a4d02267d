"""Entry points of a case import's worker processes (`services.import_rows.shaped_ahead`).

A spawned worker unpickles these functions before Django is set up, so this module imports no
model at its top: `start` sets Django up from the environment, then the work is imported.
"""

from __future__ import annotations

from typing import Any


def start() -> None:
    import django

    django.setup()


def shape_chunk(task: Any, part: Any) -> Any:
    from sendtrack.casework.services.import_rows import shape_chunk as shape

    return shape(task, part)


def shape_made_chunk(task: Any, make: Any, start: int, end: int) -> Any:
    from sendtrack.casework.services.import_rows import shape_made_chunk as shape

    return shape(task, make, start, end)
