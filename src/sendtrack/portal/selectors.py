"""What families and the public may read.

A family member's cases come from casework's access rules (`access.family_cases`). The public page
reads only area-wide aggregates and published plan versions, never a child's record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse

from sendtrack.accounts import prepared
from sendtrack.accounts.models import LocalArea, User
from sendtrack.casework import access
from sendtrack.casework.models import Case, Milestone
from sendtrack.core.disclosure import SMALL_NUMBER, count_words
from sendtrack.ehcplan.family_views import FamilyResponse
from sendtrack.improvement.models import PlanVersion
from sendtrack.portal.models import DraftResponse, Survey
from sendtrack.portal.services import invitations, responses
from sendtrack.portal.words_renderer import period_words


def family_cases(user: User) -> list[Case]:
    """The cases of the children (or the young person) this user has a current family link to."""
    return list(access.family_cases(user).select_related("person").order_by("case_ref"))


@dataclass
class Figure:
    """One headline figure for the public: a share of a count, with small numbers hidden."""

    label: str
    total: int
    met: int
    note: str

    @property
    def suppressed(self) -> bool:
        return self.total < SMALL_NUMBER or self.met < SMALL_NUMBER

    @property
    def total_words(self) -> str:
        return count_words(self.total)

    @property
    def met_words(self) -> str:
        return count_words(self.met)

    @property
    def share_words(self) -> str:
        if self.suppressed or not self.total:
            return "Not shown (too few to publish)"
        return f"{round(100 * self.met / self.total)}%"


def headline_figures(area: LocalArea, year: int) -> list[Figure]:
    """New plans issued within the time limit, and annual reviews on time, in calendar `year`.

    Counted from the milestones casework derived, for every case of the area.
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    met = Count("pk", filter=Q(status="met"))
    plans = Milestone.objects.filter(
        local_area=area, rule_name="final_plan", completed__range=(start, end)
    ).aggregate(total=Count("pk"), met=met)
    reviews = (
        Milestone.objects.filter(local_area=area, rule_name="annual_review", due__range=(start, end))
        .exclude(status="not_applicable")
        .aggregate(total=Count("pk"), met=met)
    )
    weeks = period_words("final_plan", start) or "the time limit"
    return [
        Figure(
            f"New EHC plans issued within {weeks} of the request",
            plans["total"],
            plans["met"],
            f"Plans issued in {year}. The law says a plan must be issued within {weeks} of the request.",
        ),
        Figure(
            "Annual reviews held on time",
            reviews["total"],
            reviews["met"],
            f"Reviews that were due in {year}. A plan must be reviewed at least once every 12 months.",
        ),
    ]


@dataclass
class PublishedPlan:
    name: str
    kind: str
    version: int
    published_at: dt.datetime
    url: str
    actions: int
    plan_id: int = 0


def published_plans(area: LocalArea) -> list[PublishedPlan]:
    """The latest published version of each improvement plan of the area."""
    latest: dict[int, PlanVersion] = {}
    for version in (
        PlanVersion.objects.filter(plan__local_area=area).select_related("plan").order_by("-number")
    ):
        latest.setdefault(version.plan_id, version)
    found = []
    for version in latest.values():
        snapshot = version.snapshot if isinstance(version.snapshot, dict) else {}
        found.append(
            PublishedPlan(
                name=version.plan.name,
                kind=version.plan.get_kind_display(),
                version=version.number,
                published_at=version.published_at,
                url=_public_plan_url(area, version),
                actions=len(snapshot.get("actions", []) or []),
                plan_id=version.plan_id,
            )
        )
    return sorted(found, key=lambda p: p.name)


def _public_plan_url(area: LocalArea, version: PlanVersion) -> str:
    """The improvement app's public page of the plan."""
    try:
        return reverse("improvement:public-plan", args=[area.code, version.plan_id])
    except NoReverseMatch:
        return ""


def you_said_we_did(area: LocalArea) -> list[Survey]:
    """Surveys whose answers led to a change the partnership has written up."""
    return list(Survey.objects.filter(local_area=area).exclude(we_did="").select_related("action"))


ANYTHING_FOR_THE_FAMILY_PANEL = """
SELECT EXISTS (SELECT 1 FROM casework_familylink WHERE person_id = %s)
    OR EXISTS (SELECT 1 FROM portal_familyinvitation WHERE person_id = %s AND accepted_at IS NULL)
    OR EXISTS (SELECT 1 FROM portal_draftresponse WHERE case_id = %s)
"""


def family_panel_has_anything(case: Case) -> bool:
    """Whether `family_panel` could find anyone or anything for this case, in one query: a family
    link (current or not), an invitation not yet accepted, a response to a draft plan. When none
    exists the panel's three lists are empty without reading them."""
    with prepared.cursor() as cursor:
        cursor.execute(ANYTHING_FOR_THE_FAMILY_PANEL, [case.person_id, case.person_id, case.pk])
        return bool(cursor.fetchone()[0])


def family_panel(case: Case) -> dict[str, object]:
    """The context `portal/_person_panel.html` needs; casework's person page adds it to its own."""
    return {
        "family_members": invitations.family_members(case.person),
        "open_invitations": invitations.open_invitations(case.person),
        "draft_responses": responses.responses_to_drafts(case),
    }


def responses_to_draft(case_id: int, event_id: int | None, issued_on: dt.date) -> list[FamilyResponse]:
    """The family's responses to one draft plan, oldest first, for the caseworker's plan page.

    Named by the `PLAN_FAMILY_RESPONSES` setting, so ehcplan (below the portal) shows them.
    """
    rows = (
        DraftResponse.objects.filter(case_id=case_id)
        .filter(Q(draft_event_id=event_id) | Q(draft_issued_on=issued_on))
        .select_related("submitted_by")
        .order_by("submitted_at")
    )
    return [
        FamilyResponse(
            r.submitted_at, r.submitted_by.get_full_name() or "The family", r.views, r.preferred_setting
        )
        for r in rows
    ]
