"""Why someone opens a child's record (the access-log row's action) and what each reason needs.

The rules that decide whether the need is met are in `casework.access`, which is where every caller
reaches these names from; they sit apart only because the list grows with every new page.
"""

from __future__ import annotations

import enum

from django.db import models


class Purpose(models.TextChoices):
    """Why someone opened a child's record: the access-log row's action."""

    VIEWED_RECORD = "viewed record"
    VIEWED_TIMELINE = "viewed timeline"
    OPENED_DETAILS_FORM = "opened details form"
    EDITED_DETAILS = "edited details"
    OPENED_EVENT_FORM = "opened event form"
    RECORDED_EVENT = "recorded event"
    OPENED_CORRECTION_FORM = "opened correction form"
    EXPORTED = "exported"
    VIEWED_ACCESS_LOG = "viewed access log"
    VIEWED_SUBJECT_ACCESS = "viewed subject access"
    SUBJECT_ACCESS_EXPORTED = "subject access export"
    FAMILY_VIEWED = "family viewed"
    FAMILY_DOWNLOADED_DRAFT = "family downloaded draft plan"
    FAMILY_RESPONDED = "family responded to draft"
    FAMILY_ACCESS_VIEWED = "viewed family access"
    VIEWED_EHC_PLAN = "viewed EHC plan"
    EDITED_EHC_PLAN = "edited EHC plan"
    FAMILY_VIEWED_PLAN = "family viewed plan"
    FAMILY_DOWNLOADED_PLAN = "family downloaded plan"
    VIEWED_HISTORY = "viewed history"
    INSPECTION_TRACKING = "inspection tracking pack made"
    INSPECTION_PACK_DOWNLOADED = "inspection tracking pack downloaded"
    VIEWED_DOCUMENTS = "viewed documents"
    OPENED_DOCUMENT_FORM = "opened document form"
    DOCUMENT_DOWNLOAD = "downloaded document"
    FAMILY_DOWNLOADED_DOCUMENT = "family downloaded document"


class Need(enum.Enum):
    """What the user must be allowed, for a purpose, before the door opens."""

    SEE = "see"
    SEE_AT_WORK = "see at work"
    CHANGE = "change"
    FAMILY = "family"
    INVITE = "invite"
    ADMINISTER = "administer"
    INSPECTION_LEAD = "inspection lead"


NEEDS: dict[Purpose, Need] = {
    Purpose.VIEWED_RECORD: Need.SEE,
    Purpose.VIEWED_TIMELINE: Need.SEE,
    Purpose.OPENED_DETAILS_FORM: Need.CHANGE,
    Purpose.EDITED_DETAILS: Need.CHANGE,
    Purpose.OPENED_EVENT_FORM: Need.CHANGE,
    Purpose.RECORDED_EVENT: Need.CHANGE,
    Purpose.OPENED_CORRECTION_FORM: Need.CHANGE,
    Purpose.EXPORTED: Need.SEE,
    Purpose.VIEWED_ACCESS_LOG: Need.ADMINISTER,
    Purpose.VIEWED_SUBJECT_ACCESS: Need.ADMINISTER,
    Purpose.SUBJECT_ACCESS_EXPORTED: Need.ADMINISTER,
    Purpose.FAMILY_VIEWED: Need.FAMILY,
    Purpose.FAMILY_DOWNLOADED_DRAFT: Need.FAMILY,
    Purpose.FAMILY_RESPONDED: Need.FAMILY,
    Purpose.FAMILY_ACCESS_VIEWED: Need.INVITE,
    Purpose.VIEWED_EHC_PLAN: Need.SEE,
    Purpose.EDITED_EHC_PLAN: Need.CHANGE,
    Purpose.FAMILY_VIEWED_PLAN: Need.FAMILY,
    Purpose.FAMILY_DOWNLOADED_PLAN: Need.FAMILY,
    Purpose.VIEWED_HISTORY: Need.SEE,
    Purpose.INSPECTION_TRACKING: Need.INSPECTION_LEAD,
    Purpose.INSPECTION_PACK_DOWNLOADED: Need.INSPECTION_LEAD,
    # Whoever may see a case through their work sees its documents (a family member sees only those
    # shared with them, on the family pages); only the council's SEND team adds or changes them.
    Purpose.VIEWED_DOCUMENTS: Need.SEE_AT_WORK,
    Purpose.OPENED_DOCUMENT_FORM: Need.CHANGE,
    Purpose.DOCUMENT_DOWNLOAD: Need.SEE_AT_WORK,
    # The family downloads only the documents marked as shared with them (documents.selectors).
    Purpose.FAMILY_DOWNLOADED_DOCUMENT: Need.FAMILY,
}
