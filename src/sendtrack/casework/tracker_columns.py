"""Columns that parts above casework add to the tracker, without casework importing them.

Settings name each `TrackerColumn` in `TRACKER_COLUMNS` (the EHC plan's confirmations still
awaited). Its `cells` works out the column for the cases shown (a page of fifty, or an export's
every case) in one query, so a column costs one query a page, never one a row, and adds nothing
to the tracker's query of cases (whose compilation is a large part of the page's time).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from sendtrack.casework.models import Case


@dataclass(frozen=True)
class TrackerColumn:
    """A column a part above casework adds to the tracker, its exports included."""

    header: str
    # The column's text for each of these cases that has one, by case id (the others are blank).
    cells: Callable[[Sequence[Case]], dict[int, str]]


@cache
def _columns(paths: tuple[str, ...]) -> tuple[TrackerColumn, ...]:
    return tuple(import_string(path) for path in paths)


def added_columns() -> tuple[TrackerColumn, ...]:
    return _columns(tuple(getattr(settings, "TRACKER_COLUMNS", ())))


# Cases whose added cells are worked out in one query (an export's many cases take several).
CELLS_BATCH = 1000


def added_cells(cases: Sequence[Case]) -> dict[int, list[str]]:
    """Each case's cells of the added columns, in the columns' order, by case id."""
    columns = added_columns()
    cells: dict[int, list[str]] = {case.pk: [""] * len(columns) for case in cases}
    for n, column in enumerate(columns):
        for start in range(0, len(cases), CELLS_BATCH):
            for case_id, text in column.cells(cases[start : start + CELLS_BATCH]).items():
                cells[case_id][n] = text
    return cells
