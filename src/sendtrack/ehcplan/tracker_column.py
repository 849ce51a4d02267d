"""The tracker's column of agencies yet to confirm their sections of a draft plan.

A confirmation is awaited while it is unconfirmed and no later version of the plan has been issued
(a final plan, or a new draft with its own requests). Added to the tracker's one query of cases as
annotations, one per agency and the earliest date due, so the column costs no query a row.
"""

from __future__ import annotations

from django.db.models import Exists, Min, OuterRef, QuerySet, Subquery

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


def _annotate(cases: QuerySet[Case]) -> QuerySet[Case]:
    mine = awaited().filter(version__case=OuterRef("pk"))
    first_due = mine.order_by().values("version__case").annotate(due=Min("due_on")).values("due")
    return cases.annotate(
        plan_confirm_due=Subquery(first_due[:1]),
        **{f"plan_awaits_{agency}": Exists(mine.filter(agency=agency)) for agency in Agency.values},
    )


def _cell(case: Case) -> str:
    awaited_from = [
        label for agency, label in Agency.choices if getattr(case, f"plan_awaits_{agency}", False)
    ]
    waiting = sorted(awaited_from)
    if not waiting:
        return ""
    names = join_words([waiting[0], *(lower_first(name) for name in waiting[1:])])
    due = getattr(case, "plan_confirm_due", None)
    return f"{names}, due by {govuk_date(due)}" if due else names


AGENCIES_TO_CONFIRM = TrackerColumn(header="Draft plan not yet confirmed by", annotate=_annotate, cell=_cell)
