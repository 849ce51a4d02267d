"""Recording the boards that oversee a plan and their meetings, with papers."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from sendtrack.accounts.models import LocalArea, User
from sendtrack.core.audit import audit_record
from sendtrack.core.models import AuditVerb
from sendtrack.improvement.models import Board, Meeting, Workstream
from sendtrack.improvement.services.inspections import NotInThisLocalArea, save_with_document


@transaction.atomic(durable=True)
def record_board(*, area: LocalArea, by: User, name: str) -> Board:
    """A board of the partnership, for example the SEND Partnership Board."""
    board = Board.objects.create(local_area=area, name=name.strip())
    audit_record(by, AuditVerb.BOARD_RECORDED, board, "name")
    return board


@transaction.atomic(durable=True)
def record_meeting(
    *,
    board: Board,
    by: User,
    held_on: dt.date,
    deep_dive_theme: str = "",
    deep_dive_workstream: Workstream | None = None,
    papers: UploadedFile | None = None,
    papers_url: str = "",
) -> Meeting:
    """A meeting of a board, its deep-dive theme, and its papers (uploaded or linked)."""
    if deep_dive_workstream is not None and deep_dive_workstream.plan.local_area_id != board.local_area_id:
        raise NotInThisLocalArea(f"{deep_dive_workstream} belongs to another local area's plan")
    meeting = Meeting(
        board=board,
        held_on=held_on,
        deep_dive_theme=deep_dive_theme.strip(),
        deep_dive_workstream=deep_dive_workstream,
        papers_url=papers_url,
    )
    save_with_document(meeting, "papers", papers, "papers")
    audit_record(
        by,
        AuditVerb.MEETING_RECORDED,
        meeting,
        "board",
        "held_on",
        local_area=board.local_area,
        papers=bool(papers or papers_url),
    )
    return meeting
