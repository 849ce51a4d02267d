"""The tracker's column of agencies yet to confirm their sections of a draft plan.

A confirmation is awaited while it is unconfirmed and no later version of the plan has been issued
(a final plan, or a new draft with its own requests). One query finds the awaited confirmations of
every case shown, so the column costs one query a page, not one a row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Exists, OuterRef, QuerySet

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


def _cells(cases: Sequence[Case]) -> dict[int, str]:
    """The agencies each case still waits on (by name, in order), and the earliest date due."""
    agencies: dict[int, set[str]] = defaultdict(set)
    first_due: dict[int, dt.date] = {}
    rows = awaited().filter(version__case__in=[case.pk for case in cases])
    for case_id, agency, due in rows.values_list("version__case_id", "agency", "due_on"):
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
