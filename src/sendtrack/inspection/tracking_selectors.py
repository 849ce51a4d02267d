"""Who handles the inspectors' requests, which children they may draw, and when documents are due."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404

from sendtrack.accounts.models import LA_CASE_ROLES, Membership, OrganisationKind, User
from sendtrack.casework import access
from sendtrack.casework.models import Case, CaseEvent, Milestone
from sendtrack.inspection.clock import CHILDREN_NAMED, CLOCK, add_working_days
from sendtrack.inspection.lists import DATE_OF_BIRTH, MAIN_PHASE, PHASE_CODES, PRIMARY_NEED, SUBSIDIARY_PHASE
from sendtrack.inspection.models import InspectionLead, Notification, Sample, TrackedChild
from sendtrack.inspection.person_lists import person_list
from sendtrack.inspection.sampling import Candidate, Quotas

AP_PHASE = PHASE_CODES["alternative_provision"]
TRACKING_RULE = next(rule for rule in CLOCK if rule.anchor == CHILDREN_NAMED)


def quotas() -> Quotas:
    return Quotas(**settings.INSPECTION_TRACKING_SAMPLE)


def lead_ids(notification: Notification) -> set[int]:
    return set(InspectionLead.objects.filter(notification=notification).values_list("user_id", flat=True))


def is_lead(user: User, notification: Notification) -> bool:
    return access.may_track_for_inspection(
        user, notification.inspection.local_area_id, lead_ids(notification)
    )


def get_tracking_notification_or_404(user: User, pk: int) -> tuple[Notification, bool, bool]:
    """The notification, whether the user is a named lead, and whether they name the leads; the same
    404 for a missing inspection and one whose tracking the user has no part in."""
    found = Notification.objects.filter(pk=pk).select_related("inspection__local_area").first()
    if found is None:
        raise Http404("No such inspection")
    lead = is_lead(user, found)
    names = access.may_name_inspection_leads(user, found.inspection.local_area_id)
    if not (lead or names):
        raise Http404("No such inspection")
    return found, lead, names


def get_tracked_or_404(user: User, notification: Notification, pk: int) -> TrackedChild:
    """A tracked child of this inspection, only for its named leads."""
    if not is_lead(user, notification):
        raise Http404("No such child")
    found = (
        TrackedChild.objects.filter(notification=notification, pk=pk)
        .select_related("case", "case__person", "notification__inspection")
        .first()
    )
    if found is None:
        raise Http404("No such child")
    return found


def leads_of(notification: Notification) -> QuerySet[InspectionLead]:
    return InspectionLead.objects.filter(notification=notification).select_related("user")


def possible_leads(notification: Notification) -> list[User]:
    """The council's caseworkers and SEND managers of the area who are not yet leads."""
    named = lead_ids(notification)
    users = {
        m.user
        for m in Membership.objects.current()
        .filter(
            organisation__local_area_id=notification.inspection.local_area_id,
            organisation__kind=OrganisationKind.LOCAL_AUTHORITY,
            role__in=LA_CASE_ROLES,
        )
        .select_related("user")
        if m.user_id not in named and m.user.is_active
    }
    return sorted(users, key=lambda u: (u.full_name or u.email).casefold())


def tracked_children(notification: Notification) -> QuerySet[TrackedChild]:
    return TrackedChild.objects.filter(notification=notification).select_related("case", "case__person")


def documents_due(notification: Notification) -> dt.date | None:
    """Two working days (the clock's tracking rule) after the inspectors named the children."""
    if notification.children_named_on is None:
        return None
    return add_working_days(notification.children_named_on, TRACKING_RULE.working_days)


def candidates(notification: Notification) -> list[Candidate]:
    """Everyone on List 1 and List 2 on the notification date, with what the quotas need."""
    area, day = notification.inspection.local_area, notification.notified_on
    found: dict[str, Candidate] = {}
    for number in (1, 2):
        for row in person_list(area=area, as_of=day, number=number).rows:
            born = row.values.get(DATE_OF_BIRTH)
            age = (
                None
                if born is None
                else day.year - born.year - ((day.month, day.day) < (born.month, born.day))
            )
            found.setdefault(
                row.case_ref,
                Candidate(
                    case_ref=row.case_ref,
                    need=str(row.values.get(PRIMARY_NEED) or ""),
                    age=age,
                    alternative_provision=AP_PHASE
                    in (row.values.get(MAIN_PHASE), row.values.get(SUBSIDIARY_PHASE)),
                    sen_support=number == 2,
                ),
            )
    return list(found.values())


def themed_cases(notification: Notification, theme: str) -> QuerySet[Case]:
    """The cases a theme's filter finds on the notification date."""
    area_id, day = notification.inspection.local_area_id, notification.notified_on
    cases = Case.objects.filter(local_area_id=area_id)
    if theme == Sample.PLANS_ISSUED:
        issued = CaseEvent.objects.filter(
            case__local_area_id=area_id,
            type="final_plan_issued",
            corrections__isnull=True,
            date__gt=day - dt.timedelta(days=365),
            date__lte=day,
        ).values("case_id")
        return cases.filter(pk__in=issued)
    if theme == Sample.REVIEWS_OVERDUE:
        overdue = (
            Milestone.objects.filter(local_area_id=area_id, rule_name="annual_review", due__lt=day)
            .exclude(status="not_applicable")
            .filter(Q(completed__isnull=True) | Q(completed__gt=day))
            .values("case_id")
        )
        return cases.filter(pk__in=overdue)
    if theme == Sample.ALTERNATIVE_PROVISION:
        refs = [c.case_ref for c in candidates(notification) if c.alternative_provision]
        return cases.filter(case_ref__in=refs)
    raise ValueError(f"No such theme: {theme}")
