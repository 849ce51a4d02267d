"""The family timeline as JSON, for the same people who can open the family page."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from sendtrack.portal.services.timeline import family_timeline
from sendtrack.portal.views.access import family_case_or_404

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
def family_timeline_api(request: HttpRequest, case_ref: str) -> dict[str, object]:
    case = family_case_or_404(request, case_ref)
    timeline = family_timeline(case, as_of=timezone.localdate())
    return {"case_ref": case.case_ref, "as_of": timeline.as_of, "journeys": timeline.journeys}
