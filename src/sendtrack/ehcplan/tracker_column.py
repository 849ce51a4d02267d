"""The tracker's column of agencies yet to confirm their sections of a draft plan.

A confirmation is awaited while it is unconfirmed and no later version of the plan has been issued
(a final plan, or a new draft with its own requests). One query finds the awaited confirmations of
every case shown, so the column costs one query a page, not one a row. That query is `awaited()`
compiled once per process (its text never changes) with the page's cases around it, rather than
built and compiled by the ORM on every page.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, F, OuterRef, QuerySet

from sendtrack.accounts import prepared
from sendtrack.casework.models import Case
from sendtrack.casework.tracker_columns import TrackerColumn
from sendtrack.core.templatetags.govuk_dates import govuk_date
from sendtrack.ehcplan.models import Agency, AgencyConfirmation, PlanVersion
from sendtrack.statutory.labels import join_words, lower_first


def awaited() -> QuerySet[AgencyConfirmation]:
    """Confirmations of an issued draft still awaited: none confirmed, no later version issued."""
    later = PlanVersion.objects.filter(
        case=OuterRef("version__case"), number__gt=OuterRef("version__number"), issued_on__isnull=False
    )
    return AgencyConfirmation.objects.filter(
        confirmed_on__isnull=True, version__issued_on__isnull=False
    ).exclude(Exists(later))


@cache
def _awaited_sql(using: str) -> tuple[str, tuple[Any, ...]]:
    rows = awaited().order_by().annotate(awaited_case=F("version__case_id"))
    sql, params = rows.values_list("awaited_case", "agency", "due_on").query.get_compiler(using).as_sql()
    return str(sql), tuple(params)


def _awaited_of(case_ids: list[int]) -> list[tuple[int, str, dt.date | None]]:
    """The awaited confirmations of these cases: (case id, agency, due on)."""
    if not case_ids:
        return []
    sql, params = _awaited_sql(DEFAULT_DB_ALIAS)
    marks = ", ".join(["%s"] * len(case_ids))
    with prepared.cursor() as cursor:
        cursor.execute(
            f"SELECT x.awaited_case, x.agency, x.due_on FROM ({sql}) x WHERE x.awaited_case IN ({marks})",  # noqa: S608 - compiled by the ORM; values are parameters
            [*params, *case_ids],
        )
        rows = cursor.fetchall()
    return [
        (case_id, agency, dt.date.fromisoformat(due) if isinstance(due, str) else due)
        for case_id, agency, due in rows
    ]


def _cells(cases: Sequence[Case]) -> dict[int, str]:
    """The agencies each case still waits on (by name, in order), and the earliest date due."""
    agencies: dict[int, set[str]] = defaultdict(set)
    first_due: dict[int, dt.date] = {}
    for case_id, agency, due in _awaited_of([case.pk for case in cases]):
        agencies[case_id].add(agency)
        if due is not None and (case_id not in first_due or due < first_due[case_id]):
            first_due[case_id] = due
    cells = {}
    for case_id, codes in agencies.items():
        waiting = sorted(label for agency, label in Agency.choices if agency in codes)
        if not waiting:
            continue
        names = join_words([waiting[0], *(lower_first(name) for name in waiting[1:])])
        earliest = first_due.get(case_id)
        cells[case_id] = f"{names}, due by {govuk_date(earliest)}" if earliest else names
    return cells


AGENCIES_TO_CONFIRM = TrackerColumn(header="Draft plan not yet confirmed by", cells=_cells)
