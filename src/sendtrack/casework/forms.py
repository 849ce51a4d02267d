"""Forms for casework pages. Error text is in GOV.UK wording, named so tests can assert it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from sendtrack.accounts.models import Organisation, OrganisationKind
from sendtrack.casework.models import NEED_CHOICES, TRACKER_STAGES, Case, PanelMeeting, Stage
from sendtrack.casework.selectors import ADVICE_AGENCIES
from sendtrack.casework.services.events import EventRejected, validate_event
from sendtrack.core.form_fields import FileOfType
from sendtrack.interchange.sen2_codes import (
    CEASE_REASON_CHOICES,
    ETHNICITY_CHOICES,
    RESIDENTIAL_CHOICES,
    UPN_UNKNOWN_CHOICES,
)
from sendtrack.statutory import labels

MISSING_DATE = "Enter the date"
INVALID_DATE = "Enter a real date in the form YYYY-MM-DD, for example 2026-01-05"
MISSING_OUTCOME = "Select the outcome"
MISSING_ADVISER = "Select who the advice is from"
MISSING_SETTING = "Select the school, college or other setting"
MISSING_CHOICE = "Select an option"
MISSING_REASON = "Enter why the event is being corrected"
SINGLE_PAGE_CHOICES = [("", "Any")]

EVENT_LABELS = dict(labels.EVENT_LABELS)
OUTCOMES = {event_type: list(outcomes.items()) for event_type, outcomes in labels.OUTCOME_LABELS.items()}
SOURCES = list(labels.SOURCE_LABELS.items())
TRANSFER_KINDS = list(labels.TRANSFER_KIND_LABELS.items())
ABOUT = list(labels.CHALLENGE_ABOUT_LABELS.items())
# A caseworker records an exception with its reason; "recorded in SEN2" comes only from an imported return.
EXCEPTION_REASONS = [
    (code, words) for code, words in labels.EXCEPTION_LABELS.items() if code != "recorded_in_sen2"
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class Radios(forms.RadioSelect):
    """Radios whose field label points at the first radio, so the error summary link lands on it."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        input_formats=["%Y-%m-%d"],
        error_messages={"required": MISSING_DATE, "invalid": INVALID_DATE},
    )


def choice_field(
    label: str, choices: list, message: str, *, required: bool = True, radio: bool = True
) -> Any:
    return forms.ChoiceField(
        label=label,
        choices=choices if radio or not required else [("", "Select"), *choices],
        required=required,
        widget=Radios if radio else forms.Select,
        error_messages={"required": message},
    )


class EventForm(forms.Form):
    """One event of one type. Checked against the statutory engine with the case's other events."""

    def __init__(self, *args: Any, case: Case, event_type: str, replacing: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.event_type = event_type
        self.replacing = replacing
        area = case.local_area_id
        if event_type == "exception":
            self.fields["reason"] = choice_field("Reason", EXCEPTION_REASONS, MISSING_CHOICE)
            self.fields["start"] = date_field("First day of the exception")
            self.fields["end"] = date_field(
                "Last day away, or the day the setting reopened",
                help_text=(
                    "For an absence from the area, the last day away. For a school, college or early "
                    "years closure, the day it reopened. For example, 2026-01-05"
                ),
            )
            return
        self.fields["date"] = date_field("Date", help_text="For example, 2026-01-05")
        if event_type in OUTCOMES:
            self.fields["outcome"] = choice_field("Outcome", OUTCOMES[event_type], MISSING_OUTCOME)
        if event_type in ("assessment_decision", "plan_decision"):
            self.fields["panel_meeting"] = forms.ModelChoiceField(
                label="Panel meeting (optional)",
                required=False,
                queryset=PanelMeeting.objects.filter(local_area_id=area),
                empty_label="No panel",
            )
        if event_type == "request_received":
            self.fields["source"] = choice_field(
                "Who made the request", SOURCES, MISSING_CHOICE, required=False
            )
            self.fields["rya"] = forms.BooleanField(
                label="Made while the young person was in relevant youth accommodation", required=False
            )
        if event_type in ("advice_requested", "advice_received"):
            self.fields["adviser"] = choice_field("Advice from", ADVICE_AGENCIES, MISSING_ADVISER)
        if event_type == "advice_requested":
            self.fields["organisation"] = forms.ModelChoiceField(
                label="Organisation asked (optional)",
                required=False,
                empty_label="Not named",
                queryset=Organisation.objects.filter(local_area_id=area).exclude(
                    kind=OrganisationKind.PARENT_CARER_FORUM
                ),
            )
            self.fields["received"] = date_field(
                "Date the adviser received the request (optional)", required=False
            )
        if event_type in ("setting_consulted", "setting_responded", "final_plan_issued"):
            self.fields["setting"] = forms.ModelChoiceField(
                label="Setting" if event_type != "final_plan_issued" else "Setting named (optional)",
                required=event_type != "final_plan_issued",
                empty_label="Select a setting",
                queryset=Organisation.objects.filter(
                    local_area_id=area, kind=OrganisationKind.SETTING
                ).exclude(urn=""),
                error_messages={"required": MISSING_SETTING},
            )
        if event_type == "phase_transfer":
            self.fields["kind"] = choice_field("Kind of transfer", TRANSFER_KINDS, MISSING_CHOICE)
        if event_type in ("mediation", "tribunal_appeal"):
            self.fields["about"] = choice_field("About", ABOUT, MISSING_CHOICE, required=False)
        if event_type == "plan_ceased":
            self.fields["reason_code"] = choice_field(
                "Why the plan ceased (the SEN2 return's reason)", CEASE_REASON_CHOICES, MISSING_CHOICE
            )
        if event_type in ("amendment_withdrawn", "plan_ceased"):
            self.fields["why"] = forms.CharField(label="Reason (optional)", required=False, max_length=500)

    def event(self) -> dict[str, Any]:
        data = self.cleaned_data
        event: dict[str, Any] = {"type": self.event_type}
        for name in ("date", "start", "end", "received"):
            if isinstance(data.get(name), date):
                event[name] = data[name].isoformat()
        for name in ("outcome", "source", "kind", "about", "reason", "reason_code"):
            if data.get(name):
                event[name] = data[name]
        if data.get("rya"):
            event["rya"] = True
        if data.get("adviser"):
            event["from"] = data["adviser"]
        if data.get("why"):
            event["reason"] = data["why"]
        if data.get("setting") is not None:
            event["setting"] = data["setting"].urn
        if data.get("organisation") is not None:
            event["to"] = data["organisation"].name
        if data.get("panel_meeting") is not None:
            event["panel"] = list(data["panel_meeting"].agencies_present)
        return event

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            validate_event(self.case, self.event(), replacing=self.replacing)
        except EventRejected as rejected:
            field = {"from": "adviser"}.get(rejected.field or "", rejected.field)
            self.add_error(field if field in self.fields else None, rejected.message)
        return cleaned


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label="Why is this event being corrected?",
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": MISSING_REASON},
    )
    remove = forms.BooleanField(label="Remove this event (it should not have been recorded)", required=False)


YES_NO_UNKNOWN = [("", "Not recorded"), ("yes", "Yes"), ("no", "No")]


def yes_no_field(label: str) -> forms.TypedChoiceField:
    """Yes, no or not recorded, stored as True, False or None."""
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO_UNKNOWN,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=Radios,
    )


class CaseDetailsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    given_name = forms.CharField(label="Given name", max_length=100, required=False)
    family_name = forms.CharField(label="Family name", max_length=100, required=False)
    date_of_birth = date_field("Date of birth", required=False)
    upn = forms.CharField(label="Unique pupil number (UPN, optional)", max_length=13, required=False)
    uln = forms.CharField(label="Unique learner number (ULN, optional)", max_length=10, required=False)
    upn_unknown = forms.ChoiceField(
        label="Reason there is no UPN or ULN",
        choices=[("", "Not needed: the child has a UPN or ULN"), *UPN_UNKNOWN_CHOICES],
        required=False,
    )
    sex = forms.ChoiceField(
        label="Sex",
        choices=[("", "Not recorded"), ("F", "Female"), ("M", "Male")],
        required=False,
        widget=Radios,
        help_text="As the school census records it: the SEN2 return has only these two codes",
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity", choices=[("", "Not recorded"), *ETHNICITY_CHOICES], required=False
    )
    primary_need = forms.ChoiceField(
        label="Primary need", choices=[("", "Not recorded"), *NEED_CHOICES], required=False
    )
    setting = forms.ModelChoiceField(
        label="Current setting",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="None recorded",
    )
    sen_unit = yes_no_field("Placed in a SEN unit of the setting")
    resourced_provision = yes_no_field("Placed in resourced provision of the setting")
    residential = forms.ChoiceField(
        label="Residential placement", choices=[("", "None"), *RESIDENTIAL_CHOICES], required=False
    )
    personal_budget = yes_no_field("Personal budget taken up")
    caseworker = forms.ModelChoiceField(
        label="Caseworker", queryset=None, required=False, empty_label="Unassigned"
    )

    def __init__(self, *args: Any, case: Case, caseworkers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["setting"].queryset = Organisation.objects.filter(
            local_area_id=case.local_area_id, kind=OrganisationKind.SETTING
        )
        self.fields["caseworker"].queryset = caseworkers


class TrackerFilterForm(forms.Form):
    caseworker = forms.TypedChoiceField(label="Caseworker", required=False, coerce=int, empty_value=None)
    stage = forms.ChoiceField(
        label="Stage",
        required=False,
        choices=[("", "All open requests"), *[(s.value, s.label) for s in TRACKER_STAGES]],
    )
    agency = forms.ChoiceField(
        label="Advice outstanding from", required=False, choices=[("", "Any"), *ADVICE_AGENCIES]
    )
    setting = forms.TypedChoiceField(label="Setting", required=False, coerce=int, empty_value=None)
    need = forms.ChoiceField(label="Primary need", required=False, choices=[("", "Any"), *NEED_CHOICES])
    overdue = forms.BooleanField(label="Only overdue", required=False)
    sort = forms.ChoiceField(label="Sort by", required=False)

    def __init__(self, *args: Any, choices: dict[str, list], limit: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].choices = [("", "Anyone"), *choices["caseworkers"]]
        self.fields["setting"].choices = [("", "Any"), *choices["settings"]]
        sorts = [("", "Soonest breach first")]
        if limit:
            sorts.append(("risk", f"Risk of missing {limit}"))
        self.fields["sort"].choices = sorts


class PanelMeetingForm(forms.Form):
    held_on = date_field("Date of the meeting")
    name = forms.CharField(label="Name", max_length=120, initial="EHC panel")
    agencies_present = forms.MultipleChoiceField(
        label="Agencies present",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=PanelMeeting.AGENCIES,
    )


STAGE_CHOICES = Stage.choices


MISSING_CASE_FILE = "Select a case file"
WRONG_CASE_FILE_TYPE = "The case file must be JSON Lines (.jsonl), one case a line"
EMPTY_CASE_FILE = "The selected file is empty"


class ImportCasesForm(forms.Form):
    file = FileOfType(
        suffixes=(".jsonl", ".ndjson", ".json"),
        wrong_type=WRONG_CASE_FILE_TYPE,
        label="Case file",
        error_messages={"required": MISSING_CASE_FILE, "empty": EMPTY_CASE_FILE},
        help_text="JSON Lines: one case a line, as exported by your case management system",
    )
