"""Improvement plans in the JSON API: the plans a caller may see, a plan's summary, recording an update."""

from __future__ import annotations

import datetime as dt
from typing import get_type_hints

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import create_model

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.improvement import selectors
from sendtrack.improvement.models import Rag, Status, UpdateSource
from sendtrack.improvement.rules import Summary
from sendtrack.improvement.services.action_updates import ActionUpdateRefused, record_action_update

router = Router(tags=["improvement"])


class PlanOut(Schema):
    id: int
    name: str
    kind: str
    local_area_code: str
    approval_status: str


# A plan's counted summary, field for field, with the sentence that says it.
PlanSummaryOut = create_model(
    "PlanSummaryOut",
    __base__=Schema,
    sentence=(str, ...),
    **{name: (hint, ...) for name, hint in get_type_hints(Summary).items()},
)


class RecordActionUpdateIn(Schema):
    status: Status
    rag: Rag = Rag.NONE
    narrative: str = ""
    reason: str = ""


class ActionUpdateOut(Schema):
    ref: str
    status: str
    rag: str
    recorded_at: dt.datetime


@router.get("/improvement/plans", response=list[PlanOut], summary="Improvement plans the caller may see")
def list_plans(request: AuthenticatedHttpRequest) -> list[dict[str, object]]:
    return [
        {
            "id": p.pk,
            "name": p.name,
            "kind": p.kind,
            "local_area_code": p.local_area.code,
            "approval_status": p.approval_status,
        }
        for p in selectors.plans_visible_to(request.user)
    ]


@router.get(
    "/improvement/plans/{plan_id}/summary",
    response=PlanSummaryOut,
    summary="A plan's counted progress summary as of a date",
)
def plan_summary(request: AuthenticatedHttpRequest, plan_id: int, as_of: dt.date | None = None) -> Summary:
    plan = selectors.get_visible_plan_or_404(request.user, plan_id)
    return selectors.plan_summary(plan, as_of or timezone.localdate())


@router.post(
    "/improvement/plans/{plan_id}/actions/{ref}/updates",
    response={201: ActionUpdateOut},
    summary="Record a progress update on an action",
)
def record_action_update_api(
    request: AuthenticatedHttpRequest, plan_id: int, ref: str, payload: RecordActionUpdateIn
) -> tuple[int, dict[str, object]]:
    plan = selectors.get_visible_plan_or_404(request.user, plan_id)
    action = selectors.get_visible_action_or_404(request.user, plan, ref)
    if not selectors.can_update_action(request.user, action):
        raise PermissionDenied
    try:
        update = record_action_update(
            action=action,
            by=request.user,
            status=payload.status,
            rag=payload.rag,
            narrative=payload.narrative,
            reason=payload.reason,
            source=UpdateSource.API,
        )
    except ActionUpdateRefused as refusal:
        raise HttpError(422, str(refusal)) from refusal
    return 201, {
        "ref": action.ref,
        "status": update.status,
        "rag": update.rag,
        "recorded_at": update.recorded_at,
    }
