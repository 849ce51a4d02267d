"""Panel meetings."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from sendtrack.accounts.models import LocalArea, User
from sendtrack.casework.models import PanelMeeting
from sendtrack.core.audit import audit, audited
from sendtrack.core.models import AuditVerb


@audited(AuditVerb.PANEL_MEETING_RECORDED)
@transaction.atomic(durable=True)
def record_panel_meeting(
    *,
    area: LocalArea,
    by: User | None,
    held_on: date,
    name: str,
    agencies_present: list[str],
    notes: str = "",
) -> PanelMeeting:
    meeting = PanelMeeting.objects.create(
        local_area=area,
        held_on=held_on,
        name=name or "EHC panel",
        agencies_present=agencies_present,
        notes=notes,
    )
    after = {"name": meeting.name, "held_on": held_on, "agencies_present": agencies_present, "notes": notes}
    audit(
        actor=by,
        verb=AuditVerb.PANEL_MEETING_RECORDED,
        subject=meeting,
        detail={"changes": {"panel_meeting": {"before": None, "after": after}}},
    )
    return meeting
