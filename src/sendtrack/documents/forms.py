"""The forms that add a document to a child's record and change its details."""

from __future__ import annotations

from typing import Any

from django import forms

from sendtrack.casework.forms import Radios, date_field
from sendtrack.casework.models import Case, CaseDocument, CaseEvent
from sendtrack.documents.files import ALLOWED_IN_WORDS, size_in_words
from sendtrack.documents.selectors import linkable_events
from sendtrack.documents.services import Details

MISSING_FILE = "Select the file to upload"
MISSING_KIND = "Select the type of document"


class DocumentDetailsForm(forms.Form):
    """What the document is; its date, title, event and whether the family sees it."""

    kind = forms.ChoiceField(
        label="Type of document",
        choices=CaseDocument.Kind.choices,
        widget=Radios,
        error_messages={"required": MISSING_KIND},
    )
    agency = forms.ChoiceField(
        label="Advice from",
        choices=[("", "Not advice"), *CaseDocument.AGENCIES],
        required=False,
        help_text="For advice only: the agency that gave it",
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        required=False,
        help_text="For example, Educational psychology advice from Dr Patel (left empty: the type)",
    )
    date = date_field("Date of the document", help_text="The date written on it, for example 2026-03-30")
    event = forms.TypedChoiceField(
        label="The event it belongs to",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Optional: the advice received, decision or plan this document records",
    )
    shared_with_family = forms.BooleanField(
        label="Share with the family",
        required=False,
        help_text="The parent, carer or young person can see and download it on their pages",
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        event = self.fields["event"]
        assert isinstance(event, forms.TypedChoiceField)
        event.choices = [("", "None"), *linkable_events(case)]

    def details(self) -> Details:
        data = self.cleaned_data
        kind = data["kind"]
        event = CaseEvent.objects.filter(case=self.case, pk=data["event"]).first() if data["event"] else None
        title = data["title"] or CaseDocument(kind=kind, agency=data["agency"]).kind_text
        return Details(
            kind=kind,
            title=title,
            date=data["date"],
            agency=data["agency"] or "",
            shared_with_family=data["shared_with_family"],
            event=event,
        )


class UploadForm(DocumentDetailsForm):
    """A new document: the file first, then what it is."""

    file = forms.FileField(
        label="File",
        error_messages={"required": MISSING_FILE, "empty": MISSING_FILE},
    )
    record_final_plan = forms.BooleanField(
        label="Also record that the final plan was issued on this date",
        required=False,
        help_text=(
            "Only for a final plan. Tick to confirm the plan was issued to the family on the date "
            "above: the time limits are worked out again from it"
        ),
    )

    def __init__(self, *args: Any, case: Case, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.fields[
            "file"
        ].help_text = f"It must be {ALLOWED_IN_WORDS}, of {size_in_words(max_bytes)} or less"

    field_order = [
        "file",
        "kind",
        "agency",
        "title",
        "date",
        "event",
        "shared_with_family",
        "record_final_plan",
    ]
