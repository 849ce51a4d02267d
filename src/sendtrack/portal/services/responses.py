"""A family's response to a draft EHC plan: their views and the school or college they would like.

The family has at least 15 days from the draft to comment and to ask for a school or college to be
named (SEND Regulations 2014, regulation 13(1)(a)); the period comes from the statutory rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from sendtrack.accounts.models import User
from sendtrack.casework.access import Purpose, log_case_read
from sendtrack.casework.models import Case, CaseDocument, CaseEvent
from sendtrack.portal.models import DraftResponse
from sendtrack.portal.timeline_selectors import current_events
from sendtrack.statutory.rules import DRAFT_COMMENT_CITATION, DRAFT_COMMENT_PERIOD


@dataclass
class OpenDraft:
    """The draft plan a family can respond to now."""

    event: CaseEvent
    issued_on: dt.date
    respond_by: dt.date
    document: CaseDocument | None
    citation: str = DRAFT_COMMENT_CITATION

    def is_open_on(self, day: dt.date) -> bool:
        return day <= self.respond_by


def open_draft(case: Case) -> OpenDraft | None:
    """The latest draft plan not yet followed by a final (or amended) plan, or None."""
    draft: CaseEvent | None = None
    for event in current_events(case):
        if event.type == "draft_plan_issued":
            draft = event
        elif event.type in ("final_plan_issued", "amended_plan_issued", "request_withdrawn", "plan_ceased"):
            draft = None
    if draft is None or draft.date is None:
        return None
    documents = CaseDocument.objects.filter(case=case, kind=CaseDocument.Kind.DRAFT_PLAN)
    document = (
        documents.filter(event=draft).first() or documents.filter(uploaded_at__date__gte=draft.date).first()
    )
    return OpenDraft(draft, draft.date, DRAFT_COMMENT_PERIOD.due(draft.date), document)


@transaction.atomic(durable=True)
def submit_draft_response(
    *, case: Case, draft: OpenDraft, by: User, views: str, preferred_setting: str = ""
) -> DraftResponse:
    response = DraftResponse.objects.create(
        case=case,
        draft_event=draft.event,
        document=draft.document,
        draft_issued_on=draft.issued_on,
        submitted_by=by,
        views=views.strip(),
        preferred_setting=preferred_setting.strip(),
    )
    log_case_read(by, case, purpose=Purpose.FAMILY_RESPONDED)
    return response


def responses_to_drafts(case: Case) -> list[DraftResponse]:
    return list(DraftResponse.objects.filter(case=case).select_related("submitted_by", "document"))
