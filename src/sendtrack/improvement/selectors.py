"""Reading improvement plans and the lists the pages show. Who may see and change them is decided in
`casework/access.py`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from sendtrack.accounts import access as area_access
from sendtrack.accounts.models import LocalArea, User
from sendtrack.casework import access
from sendtrack.improvement import rules
from sendtrack.improvement.models import (
    Action,
    ActionUpdate,
    Board,
    Finding,
    ImprovementPlan,
    Inspection,
    Measure,
    Meeting,
    PlanVersion,
    Status,
)

_Row = TypeVar("_Row", bound=Model)


def plans_visible_to(user: User) -> QuerySet[ImprovementPlan]:
    """Plans a user may see, drafts included: those of `area_access.plan_areas`."""
    area_ids = [area.pk for area in area_access.plan_areas(user)]
    return ImprovementPlan.objects.filter(local_area_id__in=area_ids).select_related("local_area")


def get_visible_plan_or_404(user: User, plan_id: int) -> ImprovementPlan:
    plan = plans_visible_to(user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such plan")
    return plan


def get_managed_plan_or_404(user: User, plan_id: int) -> ImprovementPlan:
    """A plan this user may change: 404 when they cannot see it, 403 when they can but may not change it."""
    plan = get_visible_plan_or_404(user, plan_id)
    if not can_manage_plan(user, plan):
        raise PermissionDenied
    return plan


def get_visible_action_or_404(user: User, plan: ImprovementPlan, ref: str) -> Action:
    action = plan.actions.select_related("finding", "workstream").filter(ref=ref).first()
    if action is None:
        raise Http404("No such action")
    return action


def areas_managed_by(user: User) -> list[LocalArea]:
    """Local areas whose plans this user may import, change and publish."""
    return area_access.plan_managing_areas(user)


def can_manage_plan(user: User, plan: ImprovementPlan) -> bool:
    return access.may_manage_plans(user, plan.local_area_id)


def can_update_action(user: User, action: Action) -> bool:
    return access.may_update_action(
        user, local_area_id=action.plan.local_area_id, organisation=action.organisation
    )


def plan_summary(plan: ImprovementPlan, as_of: dt.date) -> rules.Summary:
    states = (
        rules.ActionState(status=status, start_date=start, due_date=due)
        for status, start, due in plan.actions.values_list("status", "start_date", "due_date")
    )
    return rules.summarise(states, as_of)


@dataclass(frozen=True)
class ActionFilters:
    status: str = ""
    rag: str = ""
    lead: str = ""
    organisation: str = ""
    overdue: bool = False
    late_to_start: bool = False


def plan_actions(plan: ImprovementPlan, filters: ActionFilters, as_of: dt.date) -> QuerySet[Action]:
    actions = plan.actions.select_related("finding", "workstream")
    if filters.status:
        actions = actions.filter(status=filters.status)
    if filters.rag:
        actions = actions.filter(rag=filters.rag)
    if filters.lead:
        actions = actions.filter(lead=filters.lead)
    if filters.organisation:
        actions = actions.filter(organisation=filters.organisation)
    if filters.overdue:
        actions = actions.filter(due_date__lt=as_of).exclude(status=Status.COMPLETE)
    if filters.late_to_start:
        actions = actions.filter(status=Status.NOT_STARTED, start_date__lt=as_of)
    return actions


def exception_actions(plan: ImprovementPlan, as_of: dt.date) -> QuerySet[Action]:
    """Red, overdue, and not-started-past-their-planned-start actions."""
    return (
        plan.actions.select_related("finding", "workstream")
        .filter(
            Q(rag="red")
            | (Q(due_date__lt=as_of) & ~Q(status=Status.COMPLETE))
            | Q(status=Status.NOT_STARTED, start_date__lt=as_of)
        )
        .order_by("lead", "position", "pk")
    )


def exception_report(plan: ImprovementPlan, as_of: dt.date) -> list[tuple[str, list[Action]]]:
    """The exception actions grouped by owner (lead), with why each is an exception."""
    groups: dict[str, list[Action]] = {}
    for action in exception_actions(plan, as_of):
        action.reasons = [
            reason
            for reason, applies in (
                ("Red", action.rag == "red"),
                ("Past its due date", action.is_overdue(as_of)),
                ("Not started after its planned start", action.is_late_to_start(as_of)),
            )
            if applies
        ]
        groups.setdefault(action.lead or "No owner named", []).append(action)
    return sorted(groups.items())


def progress_by(plan: ImprovementPlan, as_of: dt.date, key: str) -> list[tuple[str, rules.Summary]]:
    """The summary for each finding or each workstream (key: "finding" or "workstream")."""
    grouped: dict[str, list[rules.ActionState]] = {}
    order: dict[str, int] = {}
    for status, start, due, name, position in plan.actions.values_list(
        "status",
        "start_date",
        "due_date",
        f"{key}__text" if key == "finding" else f"{key}__name",
        f"{key}__position",
    ):
        label = name or "Not linked"
        order.setdefault(label, position if position is not None else 10**6)
        grouped.setdefault(label, []).append(rules.ActionState(status=status, start_date=start, due_date=due))
    return [
        (label, rules.summarise(grouped[label], as_of))
        for label in sorted(grouped, key=lambda k: (order[k], k))
    ]


def action_history(action: Action) -> QuerySet[ActionUpdate]:
    return action.updates.select_related("recorded_by").order_by("-recorded_at", "-pk")


def moves_between(plan: ImprovementPlan, after: dt.date | None, until: dt.date) -> list[ActionUpdate]:
    """Status and RAG changes recorded after one date up to and including another."""
    updates = ActionUpdate.objects.filter(action__plan=plan, recorded_at__date__lte=until).exclude(
        status_from=""
    )
    if after is not None:
        updates = updates.filter(recorded_at__date__gt=after)
    return [
        u
        for u in updates.select_related("action", "recorded_by").order_by("action__position", "recorded_at")
        if u.status_changed or u.rag_changed
    ]


def _one_or_404(rows: QuerySet[_Row], pk: int, what: str) -> _Row:
    """The row `pk` among `rows`: the same 404 whether it does not exist or lies outside them."""
    found = rows.filter(pk=pk).first()
    if found is None:
        raise Http404(f"No such {what}")
    return found


def meetings_for(plan: ImprovementPlan) -> QuerySet[Meeting]:
    return Meeting.objects.filter(board__local_area_id=plan.local_area_id).select_related("board")


def get_meeting_or_404(plan: ImprovementPlan, meeting_id: int) -> Meeting:
    return _one_or_404(meetings_for(plan), meeting_id, "meeting")


def boards_for(plan: ImprovementPlan) -> QuerySet[Board]:
    """The boards of the plan's local area."""
    return Board.objects.filter(local_area_id=plan.local_area_id)


def inspections_for(plan: ImprovementPlan) -> QuerySet[Inspection]:
    """The inspections of the plan's local area, newest first."""
    return Inspection.objects.filter(local_area_id=plan.local_area_id)


def get_inspection_or_404(plan: ImprovementPlan, inspection_id: int) -> Inspection:
    return _one_or_404(inspections_for(plan), inspection_id, "inspection")


def findings_for(plan: ImprovementPlan) -> QuerySet[Finding]:
    """The findings of the plan's local area: from its inspections, or named only in a plan."""
    return Finding.objects.filter(local_area_id=plan.local_area_id)


def get_finding_or_404(plan: ImprovementPlan, finding_id: int) -> Finding:
    return _one_or_404(findings_for(plan), finding_id, "finding")


def get_measure_or_404(plan: ImprovementPlan, measure_id: int) -> Measure:
    return _one_or_404(Measure.objects.filter(plan=plan), measure_id, "measure")


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(board=meeting.board, held_on__lt=meeting.held_on).order_by("-held_on").first()
    )


def published_plans(area: LocalArea) -> QuerySet[ImprovementPlan]:
    """Plans of an area with at least one published version: all the public ever sees."""
    return ImprovementPlan.objects.filter(local_area=area, versions__isnull=False).distinct()


def plan_versions(plan: ImprovementPlan) -> QuerySet[PlanVersion]:
    return plan.versions.select_related("published_by").order_by("-number")


def kpi_choices() -> list[tuple[str, str]]:
    """The KPIs a measure can be bound to, by name."""
    from sendtrack.performance import kpis

    return [(kpi.id, kpi.name) for kpi in kpis.KPIS]


@dataclass(frozen=True)
class PublicMeasure:
    name: str
    baseline: str
    target: str
    latest: str


def public_measures(plan: ImprovementPlan) -> list[PublicMeasure]:
    """The plan's KPI-bound measures with their latest counted value, small numbers hidden."""
    from sendtrack.core.disclosure import TOO_FEW, share_publishable

    def words(value: object, unit: str) -> str:
        return f"{value}{unit if unit == '%' else f' {unit}' if unit else ''}"

    shown = []
    for measure in plan.measures.exclude(kpi_id="").prefetch_related("points"):
        counted = [p for p in measure.points.all() if p.from_kpi]
        latest = max(counted, key=lambda p: p.on) if counted else None
        if latest is None:
            latest_words = "Not counted yet"
        elif latest.denominator is not None and not share_publishable(latest.numerator, latest.denominator):
            latest_words = TOO_FEW
        else:
            latest_words = f"{words(latest.value.normalize(), measure.unit)} ({latest.period})"
        shown.append(
            PublicMeasure(
                name=measure.name,
                baseline=f"{words(measure.baseline.normalize(), measure.unit)} "
                f"({measure.baseline_on.day} {measure.baseline_on:%B %Y})",
                target=f"{words(measure.target.normalize(), measure.unit)} by "
                f"{measure.target_on.day} {measure.target_on:%B %Y}"
                if measure.target is not None and measure.target_on
                else "Not set",
                latest=latest_words,
            )
        )
    return shown
