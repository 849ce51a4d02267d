"""The family timeline as JSON, for the same people who can open the family page."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.casework.access import Purpose, get_visible_case_or_404
from sendtrack.portal.timeline_selectors import family_timeline

router = Router(tags=["portal"])


class FamilyStepOut(Schema):
    title: str
    status: str
    due: dt.date
    completed: dt.date | None
    days_late: int
    waiting_for: str
    sentences: list[str]
    exception_sentences: list[str]
    citation: str
    explanation: str


class FamilyJourneyOut(Schema):
    heading: str
    summary: str
    steps: list[FamilyStepOut]


class FamilyTimelineOut(Schema):
    case_ref: str
    as_of: dt.date
    journeys: list[FamilyJourneyOut]


@router.get(
    "/family/cases/{case_ref}/timeline",
    response=FamilyTimelineOut,
    summary="A family's plain-English timeline of their child's case",
)
def family_timeline_api(request: AuthenticatedHttpRequest, case_ref: str) -> dict[str, object]:
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.FAMILY_VIEWED, path=request.path)
    timeline = family_timeline(case, as_of=timezone.localdate())
    return {"case_ref": case.case_ref, "as_of": timeline.as_of, "journeys": timeline.journeys}
