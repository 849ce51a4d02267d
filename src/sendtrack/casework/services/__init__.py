"""Actions that change casework records. Each is a function; pages, the API and commands call them."""

from sendtrack.casework.services.cases import EditConflict, update_case_details
from sendtrack.casework.services.events import (
    EventRejected,
    correct_event,
    record_event,
    record_event_in_transaction,
)
from sendtrack.casework.services.imports import import_cases
from sendtrack.casework.services.milestones import refresh_area, refresh_milestones
from sendtrack.casework.services.panels import record_panel_meeting
from sendtrack.interchange.import_report import ImportReport

__all__ = [
    "EditConflict",
    "EventRejected",
    "ImportReport",
    "correct_event",
    "import_cases",
    "record_event",
    "record_event_in_transaction",
    "record_panel_meeting",
    "refresh_area",
    "refresh_milestones",
    "update_case_details",
]
