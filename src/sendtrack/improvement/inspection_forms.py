"""Forms for recording inspections, findings, revisit judgements and interventions."""

from __future__ import annotations

from typing import Any

from django import forms

from sendtrack.core.form_fields import radios, required_text, whole_number
from sendtrack.improvement.form_fields import DateErrors, DocumentField, GovukDateField
from sendtrack.improvement.models import (
    FindingKind,
    Inspection,
    InspectionFramework,
    InterventionKind,
    RevisitJudgement,
    VisitKind,
)

MISSING_FRAMEWORK = "Select the inspection framework"
MISSING_VISIT_KIND = "Select the kind of visit"
INVALID_LETTER_URL = "Enter the link to the letter in the correct format, like https://reports.ofsted.gov.uk/"
INSPECTION_STARTED = DateErrors("the date the inspection started")
INSPECTION_ENDED = DateErrors("the date the inspection ended")
LETTER_PUBLISHED = DateErrors("the date the letter was published")
WINDOW_OPENS = DateErrors("the date the revisit or monitoring window opens")
WINDOW_CLOSES = DateErrors("the date the revisit or monitoring window closes")
MISSING_INSPECTION = "Select the inspection this plan answers"
MISSING_FINDING_KIND = "Select the kind of finding"
MISSING_FINDING_TEXT = "Enter the finding as the letter words it"
MISSING_REVISIT_JUDGEMENT = "Select what the revisit judged"
MISSING_INTERVENTION_KIND = "Select the kind of intervention"
INTERVENTION_ISSUED = DateErrors("the date it was issued")
INTERVENTION_PUBLISHED = DateErrors("the date it was published")
MISSING_MINIMUM_MONTHS = "Enter the minimum duration in months, or 0 if there is none"
INVALID_MINIMUM_MONTHS = "The minimum duration must be a whole number of months, like 12"
INVALID_INTERVENTION_LINK = "Enter the link in the correct format, like https://www.gov.uk/"


class InspectionForm(forms.Form):
    framework = radios("Inspection framework", InspectionFramework.choices, MISSING_FRAMEWORK)
    visit_kind = radios("Kind of visit", VisitKind.choices, MISSING_VISIT_KIND, initial=VisitKind.INSPECTION)
    revisit_of = forms.TypedChoiceField(
        label="The inspection this visit follows up", coerce=int, required=False, empty_value=None
    )
    started_on = GovukDateField(
        label="Date the inspection started",
        errors=INSPECTION_STARTED,
        not_in_future=True,
        help_text="For example, 27 3 2024",
    )
    ended_on = GovukDateField(label="Date it ended (optional)", errors=INSPECTION_ENDED, required=False)
    letter_published_on = GovukDateField(
        label="Date the letter was published (optional)", errors=LETTER_PUBLISHED, required=False
    )
    outcome = forms.CharField(
        label="Outcome (optional)", required=False, max_length=200, help_text="As the letter puts it"
    )
    letter_file = DocumentField(label="Upload the letter (optional)", help_text="PDF or Word, up to 20MB")
    letter_url = forms.URLField(
        label="Or give a link to the letter (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": INVALID_LETTER_URL},
    )
    next_visit_from = GovukDateField(
        label="Revisit or monitoring window opens (optional)", errors=WINDOW_OPENS, required=False
    )
    next_visit_by = GovukDateField(
        label="Revisit or monitoring window closes (optional)", errors=WINDOW_CLOSES, required=False
    )

    def __init__(self, *args: Any, earlier: list[Inspection], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.earlier = {inspection.pk: inspection for inspection in earlier}
        self.fields["revisit_of"].choices = [
            ("", "None: this is a new inspection"),
            *((pk, str(inspection)) for pk, inspection in self.earlier.items()),
        ]

    def clean_revisit_of(self) -> Inspection | None:
        pk = self.cleaned_data.get("revisit_of")
        return self.earlier.get(pk) if pk is not None else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", INSPECTION_ENDED.before("the date it started"))
        opens, closes = data.get("next_visit_from"), data.get("next_visit_by")
        if opens and closes and closes < opens:
            self.add_error("next_visit_by", WINDOW_CLOSES.before("the date it opens"))
        return data


class LinkInspectionForm(forms.Form):
    inspection = radios("Which inspection does this plan answer?", (), MISSING_INSPECTION, coerce=int)

    def __init__(self, *args: Any, inspections: list[Inspection], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inspections = {inspection.pk: inspection for inspection in inspections}
        self.fields["inspection"].choices = [(pk, str(i)) for pk, i in self.inspections.items()]

    def clean_inspection(self) -> Inspection:
        return self.inspections[self.cleaned_data["inspection"]]


class FindingForm(forms.Form):
    kind = radios("Kind of finding", FindingKind.choices, MISSING_FINDING_KIND)
    text = required_text(
        "Finding",
        max_length=5000,
        missing=MISSING_FINDING_TEXT,
        widget=forms.Textarea,
        help_text="As the inspection letter words it",
    )
    revisit_judgement = forms.ChoiceField(
        label="Judgement at revisit", choices=RevisitJudgement.choices, required=False
    )


class RevisitJudgementForm(forms.Form):
    revisit_judgement = radios(
        "What did the revisit judge?", RevisitJudgement.choices[1:], MISSING_REVISIT_JUDGEMENT
    )


class InterventionForm(forms.Form):
    kind = radios(
        "Kind of intervention",
        InterventionKind.choices,
        MISSING_INTERVENTION_KIND,
        initial=InterventionKind.IMPROVEMENT_NOTICE,
    )
    issued_on = GovukDateField(
        label="Date it was issued",
        errors=INTERVENTION_ISSUED,
        not_in_future=True,
        help_text="For example, 27 3 2024",
    )
    published_on = GovukDateField(
        label="Date it was published (optional)", errors=INTERVENTION_PUBLISHED, required=False
    )
    minimum_months = whole_number(
        "Minimum duration in months",
        lowest=0,
        highest=120,
        missing=MISSING_MINIMUM_MONTHS,
        invalid=INVALID_MINIMUM_MONTHS,
        initial=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        help_text="The notice cannot be lifted before this many months have passed since it was issued",
    )
    link = forms.URLField(
        label="Link to the notice (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": INVALID_INTERVENTION_LINK},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issued, published = data.get("issued_on"), data.get("published_on")
        if issued and published and published < issued:
            self.add_error("published_on", INTERVENTION_PUBLISHED.before("the date it was issued"))
        return data
