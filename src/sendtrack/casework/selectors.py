"""Queries that read casework records. Every one starts from the access rules (`casework/access.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypedDict

from django.db.models import Case as Case_
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Substr

from sendtrack.accounts import access as area_access
from sendtrack.accounts import prepared
from sendtrack.accounts.models import LocalArea, Organisation, OrganisationKind, Role, User
from sendtrack.accounts.selectors import current_memberships
from sendtrack.casework import forecasts
from sendtrack.casework.models import (
    OPEN_STAGES,
    Case,
    CaseEvent,
    IntegrityFlag,
    Milestone,
    PanelMeeting,
    Stage,
)
from sendtrack.casework.tracker_reads import TrackerCases, fixed_tracker_cases
from sendtrack.statutory import labels
from sendtrack.statutory.dates import months_before

ADVICE_AGENCIES = [
    (code, labels.agency_label(code))
    for code in ("health", "social_care", "educational_psychology", "education", "other")
]


def open_milestones(today: date) -> Q:
    """Milestones not yet done and still applying, judged now rather than at the last refresh."""
    return Q(completed__isnull=True) & ~Q(status="not_applicable")


def overdue(today: date) -> Q:
    return open_milestones(today) & Q(due__lt=today)


@dataclass(frozen=True)
class TrackerFilters:
    caseworker: int | None = None
    stage: str = ""
    agency: str = ""
    setting: int | None = None
    need: str = ""
    overdue: bool = False
    sort: str = ""


def open_requests(
    user: User, filters: TrackerFilters, today: date, *, with_risk: bool = False
) -> QuerySet[Case]:
    """The tracker: open requests (or one stage), soonest statutory breach first or riskiest first.

    With `with_risk` (the page shows the forecast) or sorted by risk, each case carries `risk` and
    `risk_reason`: its latest request's forecast chance of missing the final plan's time limit, and
    why (None where nothing is forecast); otherwise the query leaves out those three subqueries.
    Sorted by risk, the requests that can still be saved come first, riskiest first; those already
    past the limit follow.
    """
    cases = _filtered(user, filters, today).select_related("person", "person__setting", "caseworker")
    if with_risk or filters.sort == "risk":
        cases = forecasts.FORECAST.with_final_plan_risk(cases)
    cases = cases.annotate(next_due_setting=_next_due_setting_name())
    if filters.sort == "risk":
        already_late = Case_(When(risk_due__lt=today, then=Value(1)), default=Value(0))
        return cases.order_by(
            already_late, F("risk").desc(nulls_last=True), F("next_due").asc(nulls_last=True), "pk"
        )
    return cases.order_by(F("next_due").asc(nulls_last=True), "request_received", "pk")


def tracker_cases(
    user: User, filters: TrackerFilters, today: date, *, with_risk: bool = False
) -> QuerySet[Case] | TrackerCases:
    """The tracker page's cases: `open_requests`, read by fixed statements around the rule and the
    filters (`tracker_reads`) unless the page shows or sorts by the forecast."""
    if not (with_risk or filters.sort == "risk"):
        fixed = fixed_tracker_cases(_filtered(user, filters, today))
        if fixed is not None:
            return fixed
    return open_requests(user, filters, today, with_risk=with_risk)


def _filtered(user: User, filters: TrackerFilters, today: date) -> QuerySet[Case]:
    """The cases the user may see that the tracker's filters keep (open ones, or one stage)."""
    cases = Case.objects.visible_to(user)
    cases = cases.filter(stage=filters.stage) if filters.stage else cases.filter(open=True)
    if filters.caseworker:
        cases = cases.filter(caseworker_id=filters.caseworker)
    if filters.agency:
        waiting = Milestone.objects.filter(rule_name="advice", rule=f"advice:{filters.agency}")
        cases = cases.filter(pk__in=waiting.filter(open_milestones(today)).values("case_id"))
    if filters.setting:
        cases = cases.filter(person__setting_id=filters.setting)
    if filters.need:
        cases = cases.filter(person__primary_need=filters.need)
    if filters.overdue:
        cases = cases.filter(next_due__lt=today)
    return cases


def _next_due_setting_name() -> Subquery:
    """The name of the setting a case waits on when its next deadline is a consultation's reply."""
    prefix = len("setting_response:")
    settings = Organisation.objects.filter(
        local_area=OuterRef("local_area"), urn=Substr(OuterRef("next_due_rule"), prefix + 1)
    ).exclude(urn="")
    return Subquery(settings.values("name")[:1])


# The tracker's filter choices in one statement: the current caseworkers and SEND managers of the
# areas' councils by name, then the areas' settings by name. Fixed text (the areas' ids are the
# only parameters), so it is not built and compiled twice a page as two ORM queries were.
TRACKER_CHOICES_SQL = """
SELECT 0, x.user_id, x.full_name FROM (
    SELECT DISTINCT m.user_id, u.full_name
    FROM accounts_membership m
    JOIN accounts_organisation o ON o.id = m.organisation_id
    JOIN accounts_user u ON u.id = m.user_id
    WHERE m.ended_on IS NULL AND m.role IN (%s, %s) AND o.kind = %s AND o.local_area_id IN ({areas})
) x
UNION ALL
SELECT 1, s.id, s.name FROM accounts_organisation s WHERE s.kind = %s AND s.local_area_id IN ({areas})
ORDER BY 1, 3, 2
"""


def tracker_choices(user: User) -> dict[str, list]:
    """Choices for the tracker's filters: the caseworkers and settings of the user's areas."""
    areas = [area.pk for area in area_access.council_case_areas(user)]
    if not areas:
        return {"caseworkers": [], "settings": []}
    placeholders = ", ".join(["%s"] * len(areas))
    params = [Role.CASEWORKER, Role.SEND_MANAGER, OrganisationKind.LOCAL_AUTHORITY, *areas]
    params += [OrganisationKind.SETTING, *areas]
    found: dict[str, list] = {"caseworkers": [], "settings": []}
    with prepared.cursor() as cursor:
        cursor.execute(TRACKER_CHOICES_SQL.format(areas=placeholders), params)
        for kind, pk, name in cursor.fetchall():
            found["settings" if kind else "caseworkers"].append((pk, name))
    return found


class CaseTimeline(TypedDict):
    events: Sequence[CaseEvent]
    milestones: list[Milestone]
    flags: list[IntegrityFlag]


def case_timeline(case: Case) -> CaseTimeline:
    """Everything the person page shows below the details: events (with corrections), milestones, flags."""
    events = list(
        CaseEvent.objects.filter(case=case)
        .select_related("recorded_by", "organisation")
        .order_by("position", "pk")
    )
    # A correction is an event of the same case: which events are corrected, and what each
    # correction replaced, are read from the list rather than by a subquery and a join a row.
    by_id = {event.pk: event for event in events}
    corrected = {event.supersedes_id for event in events if event.supersedes_id}
    for event in events:
        event.corrected = event.pk in corrected  # type: ignore[attr-defined]
        if event.supersedes_id in by_id:
            event.supersedes = by_id[event.supersedes_id]
    milestones = list(Milestone.objects.filter(case=case).select_related("organisation").order_by("position"))
    flags = list(IntegrityFlag.objects.filter(case=case).order_by("date", "pk"))
    return {"events": events, "milestones": milestones, "flags": flags}


def outstanding_advice(user: User, today: date, agency: str = "") -> QuerySet[Milestone]:
    """Advice asked for and not yet received, oldest due first."""
    rows = Milestone.objects.filter(case__in=Case.objects.visible_to(user), rule_name="advice").filter(
        open_milestones(today)
    )
    if agency:
        rows = rows.filter(rule=f"advice:{agency}")
    return rows.select_related("case", "case__person", "organisation").order_by("due", "pk")


def advice_summary(user: User, today: date) -> list[dict[str, object]]:
    """Outstanding and overdue advice counted by agency and organisation."""
    rows = (
        Milestone.objects.filter(case__in=Case.objects.visible_to(user), rule_name="advice")
        .filter(open_milestones(today))
        .values("rule", "organisation__name")
        .annotate(outstanding=Count("pk"), overdue=Count("pk", filter=Q(due__lt=today)))
        .order_by("rule", "organisation__name")
    )
    return list(rows)


def late_advice(user: User, today: date, weeks: int = 12) -> QuerySet[Milestone]:
    """Advice received late in the last `weeks` weeks."""
    return (
        Milestone.objects.filter(
            case__in=Case.objects.visible_to(user),
            rule_name="advice",
            status="late",
            completed__gte=today - timedelta(weeks=weeks),
        )
        .select_related("case", "case__person", "organisation")
        .order_by("-days_late", "pk")
    )


# How far ahead the reviews page looks for reviews falling due: a local choice, not a time limit.
REVIEW_DUE_SOON_WINDOW = timedelta(weeks=8)


def review_lists(user: User, today: date) -> dict[str, QuerySet[Milestone]]:
    """The reviews page: each list of milestones, judged against today."""
    base = Milestone.objects.filter(case__in=Case.objects.visible_to(user)).select_related(
        "case", "case__person"
    )
    open_ = open_milestones(today)
    return {
        "due_soon": base.filter(
            open_, rule_name="annual_review", due__gte=today, due__lte=today + REVIEW_DUE_SOON_WINDOW
        ).order_by("due", "pk"),
        "overdue": base.filter(open_, rule_name="annual_review", due__lt=today).order_by("due", "pk"),
        "no_decision": base.filter(open_, rule_name="review_decision", due__lt=today).order_by("due", "pk"),
        "no_amended_plan": base.filter(open_, rule_name="amended_plan", due__lt=today).order_by("due", "pk"),
        "no_review_12": base.filter(
            open_, rule_name="annual_review", start__lt=months_before(today, 12)
        ).order_by("start", "pk"),
        "no_review_24": base.filter(
            open_, rule_name="annual_review", start__lt=months_before(today, 24)
        ).order_by("start", "pk"),
    }


def age_band(due: date, today: date) -> str:
    """How long overdue, in the bands managers report: 6, 12 and 24 months."""
    if due >= today:
        return ""
    if due < months_before(today, 24):
        return "over 24 months"
    if due < months_before(today, 12):
        return "over 12 months"
    if due < months_before(today, 6):
        return "over 6 months"
    return "under 6 months"


def phase_transfers(user: User, year: int) -> QuerySet[Milestone]:
    """Everyone whose phase transfer review falls due in `year` (15 February / 31 March deadlines)."""
    return (
        Milestone.objects.filter(
            case__in=Case.objects.visible_to(user), rule_name="phase_transfer_review", due__year=year
        )
        .select_related("case", "case__person", "case__person__setting")
        .order_by("due", "pk")
    )


def panel_areas(user: User) -> list[LocalArea]:
    return area_access.council_case_areas(user)


def panel_meetings(user: User) -> QuerySet[PanelMeeting]:
    return (
        PanelMeeting.objects.filter(local_area__in=[a.pk for a in area_access.council_case_areas(user)])
        .annotate(decision_count=Count("decisions"))
        .order_by("-held_on", "pk")
    )


def decisions_without_full_panel(user: User) -> QuerySet[CaseEvent]:
    """Assessment and plan decisions where education, health and social care were not all present."""
    return (
        CaseEvent.objects.filter(
            case__in=Case.objects.visible_to(user), panel_incomplete=True, corrections__isnull=True
        )
        .select_related("case", "case__person", "panel_meeting")
        .order_by("-date", "pk")
    )


def is_la_staff(user: User) -> bool:
    return bool(area_access.council_case_areas(user))


def default_agency(user: User) -> str:
    """A designated clinical officer or health advisor starts on health advice."""
    roles = {m.role for m in current_memberships(user)}
    if roles & {Role.DESIGNATED_CLINICAL_OFFICER, Role.HEALTH_ADVISOR} and not is_la_staff(user):
        return "health"
    return ""


STAGE_LABELS = dict(Stage.choices)


def home_summary(user: User, today: date) -> dict[str, int] | None:
    """Counts for the home page of the council's SEND staff (None for everyone else)."""
    if not is_la_staff(user):
        return None
    cases = Case.objects.visible_to(user).filter(stage__in=OPEN_STAGES)
    counts = cases.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(next_due__lt=today)))
    return {"open": counts["open"], "overdue": counts["overdue"]}
