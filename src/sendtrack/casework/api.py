"""Casework's JSON API: timelines, the tracker, and recording events. All read through visible_to."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.casework import services
from sendtrack.casework.access import Purpose, get_visible_case_or_404
from sendtrack.casework.case_file_selectors import case_file_dict
from sendtrack.casework.selectors import TrackerFilters, open_requests
from sendtrack.casework.tracker_rows import tracker_row
from sendtrack.statutory import timeline_json

router = Router(tags=["casework"])
API_PAGE_SIZE = 200


class ProblemOut(Schema):
    detail: str
    field: str | None = None


# Database ids are 64-bit; anything outside that range is refused with a 422, never sent to the database.
LARGEST_DATABASE_ID = 2**63 - 1


class TrackerQuery(Schema):
    caseworker: int | None = Field(None, ge=1, le=LARGEST_DATABASE_ID)
    stage: str = Field("", max_length=40)
    agency: str = Field("", max_length=40)
    setting: int | None = Field(None, ge=1, le=LARGEST_DATABASE_ID)
    need: str = Field("", max_length=10)
    overdue: bool = False
    page: int = Field(1, ge=1, le=100_000)


class TrackerRowOut(Schema):
    """`stage` and `next_due_for` are codes; the `_label` fields say the same in words."""

    case_ref: str
    name: str
    stage: str
    stage_label: str
    request_received: date | None
    weeks_elapsed: int | None
    next_due: date | None
    next_due_for: str
    next_due_for_label: str
    days_to_breach: int | None
    status: str
    caseworker: str | None


class TrackerOut(Schema):
    count: int
    page: int
    rows: list[TrackerRowOut]


class RecordEventIn(Schema):
    """One event in the docs/spec/case-events.md format.

    For example {"type": "advice_received", "date": "2026-03-10", "from": "health"}.
    """

    model_config = ConfigDict(extra="allow")
    type: str


class EventOut(Schema):
    """The event as recorded; `description` says it in words, e.g. "Health advice received"."""

    id: int
    case_ref: str
    type: str
    date: date | None
    data: dict[str, Any]
    description: str


@router.get(
    "/cases/{case_ref}/timeline",
    response={200: dict[str, Any], 503: ProblemOut},
    summary="A case's statutory timeline, as `sendtrack timeline` prints it",
)
def case_timeline(request: AuthenticatedHttpRequest, case_ref: str) -> Any:
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.VIEWED_TIMELINE, path=request.path)
    return timeline_json(case_file_dict(case), timezone.localdate())


@router.get("/tracker", response=TrackerOut, summary="The EHC tracker's rows, soonest breach first")
def tracker(request: AuthenticatedHttpRequest, filters: Query[TrackerQuery]) -> dict[str, Any]:
    today = timezone.localdate()
    chosen = TrackerFilters(
        caseworker=filters.caseworker,
        stage=filters.stage,
        agency=filters.agency,
        setting=filters.setting,
        need=filters.need,
        overdue=filters.overdue,
    )
    cases = open_requests(request.user, chosen, today)
    page = max(filters.page, 1)
    count = cases.count()
    rows = []
    for case in cases[(page - 1) * API_PAGE_SIZE : page * API_PAGE_SIZE]:
        row = tracker_row(case, today)
        rows.append(
            {
                "case_ref": case.case_ref,
                "name": str(case.person),
                "stage": case.stage,
                "stage_label": row["stage"],
                "request_received": case.request_received,
                "weeks_elapsed": row["weeks_elapsed"],
                "next_due": case.next_due,
                "next_due_for": case.next_due_rule,
                "next_due_for_label": row["next_due_for"],
                "days_to_breach": row["days_to_breach"],
                "status": row["status"],
                "caseworker": str(case.caseworker) if case.caseworker else None,
            }
        )
    return {"count": count, "page": page, "rows": rows}


@router.post(
    "/cases/{case_ref}/events",
    response={201: EventOut, 400: ProblemOut, 403: ProblemOut},
    summary="Record an event, checked as the form checks it",
)
def record_event(request: AuthenticatedHttpRequest, case_ref: str, payload: RecordEventIn) -> Any:
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.RECORDED_EVENT, path=request.path)
    try:
        body = json.loads(request.body)  # the schema checks `type`; every other field is kept as sent
        event = services.record_event(case=case, by=request.user, event=body)
    except services.EventRejected as rejected:
        return 400, {"detail": rejected.message, "field": rejected.field}
    return 201, {
        "id": event.pk,
        "case_ref": case.case_ref,
        "type": event.type,
        "date": event.date,
        "data": event.data,
        "description": event.description,
    }
