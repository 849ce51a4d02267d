"""An inspection notified on Monday 18 May 2026, the week before the late-May bank holiday."""

from __future__ import annotations

import datetime as dt

import pytest

from sendtrack.inspection.models import Notification
from sendtrack.inspection.services import record_notification

NOTIFIED_ON = dt.date(2026, 5, 18)


def date_parts(name: str, day: object, month: object, year: object) -> dict[str, str]:
    """A GOV.UK date input as the browser posts it."""
    return {f"{name}_day": str(day), f"{name}_month": str(month), f"{name}_year": str(year)}


@pytest.fixture
def notification(area, manager) -> Notification:
    return record_notification(area=area, by=manager, notified_on=NOTIFIED_ON)
