"""Panel meetings."""

from __future__ import annotations

from datetime import date

from sendtrack.accounts.models import LocalArea
from sendtrack.casework.models import PanelMeeting


def record_panel_meeting(
    *, area: LocalArea, held_on: date, name: str, agencies_present: list[str], notes: str = ""
) -> PanelMeeting:
    return PanelMeeting.objects.create(
        local_area=area,
        held_on=held_on,
        name=name or "EHC panel",
        agencies_present=agencies_present,
        notes=notes,
    )
