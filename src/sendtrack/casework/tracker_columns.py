"""Columns that parts above casework add to the tracker, without casework importing them.

Settings name each `TrackerColumn` in `TRACKER_COLUMNS` (the EHC plan's confirmations still
awaited). Its `annotate` adds what it needs to the tracker's one query of cases, and its `cell`
reads that annotation, so a column costs no query a row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from sendtrack.casework.models import Case


@dataclass(frozen=True)
class TrackerColumn:
    """A column a part above casework adds to the tracker, its exports included."""

    header: str
    annotate: Callable[[QuerySet[Case]], QuerySet[Case]]
    cell: Callable[[Case], str]


@cache
def _columns(paths: tuple[str, ...]) -> tuple[TrackerColumn, ...]:
    return tuple(import_string(path) for path in paths)


def added_columns() -> tuple[TrackerColumn, ...]:
    return _columns(tuple(getattr(settings, "TRACKER_COLUMNS", ())))


def with_added_columns(cases: QuerySet[Case]) -> QuerySet[Case]:
    for column in added_columns():
        cases = column.annotate(cases)
    return cases
