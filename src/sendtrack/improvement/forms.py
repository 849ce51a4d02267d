from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms

from sendtrack.core.form_fields import FileOfType, radios, required_text
from sendtrack.improvement.form_fields import DateErrors, DocumentField, GovukDateField, number_field
from sendtrack.improvement.models import (
    Action,
    ApprovalStatus,
    Board,
    Finding,
    ImprovementPlan,
    Meeting,
    PlanKind,
    Rag,
    Status,
    Workstream,
)
from sendtrack.improvement.services.action_updates import NOTHING_TO_RECORD, RAG_REASON_REQUIRED
from sendtrack.improvement.services.publication import UNAPPROVED_NEEDS_REASON

MISSING_PLAN_NAME = "Enter the name of the plan"
MISSING_FILE = "Select the plan spreadsheet (.xlsx or .csv)"
WRONG_FILE_TYPE = "The selected file must be an .xlsx or .csv spreadsheet"
MISSING_STATUS = "Select the action's status"
MISSING_APPROVAL_STATUS = "Select the plan's approval status"
MISSING_APPROVAL_DATE = "Enter the date the approval status changed"
MISSING_MEASURE_NAME = "Enter the name of the measure"
MISSING_BASELINE = "Enter the baseline value"
INVALID_BASELINE = "The baseline must be a number with at most 2 decimal places, like 42 or 61.5"
BASELINE_ON = DateErrors("the date of the baseline")
MISSING_DIRECTION = "Select whether a higher value is better"
MISSING_POINT_VALUE = "Enter the value"
INVALID_POINT_VALUE = "The value must be a number with at most 2 decimal places, like 42 or 61.5"
MILESTONE_ON = DateErrors("the date of the milestone")
TARGET_ON = DateErrors("the date of the target")
INVALID_TARGET = "The target must be a number with at most 2 decimal places, like 70 or 61.5"
TARGET_NEEDS_DATE = "Enter the date the target is to be reached by"
UNKNOWN_KPI = "Select a KPI from the list"
ACTUAL_ON = DateErrors("the date of the actual")
MISSING_BOARD_NAME = "Enter the name of the board"
BOARD_NAME_TAKEN = "There is already a board with this name: enter a different name"
MISSING_BOARD = "Select the board that met"
MEETING_HELD_ON = DateErrors("the date of the meeting")
INVALID_PAPERS_URL = "Enter the link to the papers in the correct format, like https://www.example.gov.uk/"


class ImportPlanForm(forms.Form):
    plan_name = required_text(
        "Plan name",
        max_length=200,
        missing=MISSING_PLAN_NAME,
        help_text="An existing plan of this name is updated action by action",
    )
    kind = forms.ChoiceField(
        label="Kind of plan (for a new plan)", choices=PlanKind.choices, initial=PlanKind.IMPROVEMENT_PLAN
    )
    file = FileOfType(
        suffixes=(".xlsx", ".xlsm", ".csv"),
        wrong_type=WRONG_FILE_TYPE,
        label="Plan spreadsheet",
        error_messages={"required": MISSING_FILE},
        help_text="One row per action; the first row holds the column names",
    )


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", choices=Status.choices, error_messages={"required": MISSING_STATUS}
    )
    rag = forms.ChoiceField(label="RAG rating", choices=Rag.choices, required=False)
    narrative = forms.CharField(
        label="Progress update", widget=forms.Textarea, required=False, max_length=5000
    )
    reason = forms.CharField(
        label="Reason for a change of RAG rating",
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        help_text="Needed when the RAG rating changes",
    )

    def __init__(self, *args: Any, action: Action, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"status": action.status, "rag": action.rag})
        super().__init__(*args, **kwargs)
        self.action = action

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if "status" not in data:
            return data
        rag_changed = data.get("rag", "") != self.action.rag
        if rag_changed and not str(data.get("reason", "")).strip():
            self.add_error("reason", RAG_REASON_REQUIRED)
        elif (
            data["status"] == self.action.status
            and not rag_changed
            and not str(data.get("narrative", "")).strip()
        ):
            self.add_error("narrative", NOTHING_TO_RECORD)
        return data


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=[("", "Any status"), *Status.choices], required=False)
    rag = forms.ChoiceField(
        label="RAG rating", choices=[("", "Any rating"), *Rag.choices[1:]], required=False
    )
    lead = forms.ChoiceField(label="Owner", required=False)
    organisation = forms.ChoiceField(label="Lead organisation", required=False)
    overdue = forms.BooleanField(label="Only actions past their due date", required=False)
    late_to_start = forms.BooleanField(
        label="Only actions not started after their planned start", required=False
    )

    def __init__(self, *args: Any, plan: ImprovementPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        leads = plan.actions.exclude(lead="").order_by("lead").values_list("lead", flat=True).distinct()
        organisations = (
            plan.actions.exclude(organisation="")
            .order_by("organisation")
            .values_list("organisation", flat=True)
            .distinct()
        )
        self.fields["lead"].choices = [("", "Anyone"), *((x, x) for x in leads)]
        self.fields["organisation"].choices = [("", "Any organisation"), *((x, x) for x in organisations)]


class PublishPlanForm(forms.Form):
    meeting = forms.TypedChoiceField(
        label="After the board meeting", coerce=int, required=False, empty_value=None
    )
    unapproved_reason = forms.CharField(
        label="Why are you publishing before the plan is approved?",
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        help_text="This is shown on the public page with the plan",
    )

    def __init__(self, *args: Any, plan: ImprovementPlan, meetings: list[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["meeting"].choices = [("", "Not after a meeting"), *((m.pk, str(m)) for m in meetings)]
        if plan.is_approved:
            del self.fields["unapproved_reason"]

    def clean_unapproved_reason(self) -> str:
        reason = self.cleaned_data.get("unapproved_reason", "").strip()
        if not self.plan.is_approved and not reason:
            raise forms.ValidationError(UNAPPROVED_NEEDS_REASON)
        return reason


class ApprovalForm(forms.Form):
    status = forms.ChoiceField(
        label="Approval status",
        choices=ApprovalStatus.choices[:3],
        error_messages={"required": MISSING_APPROVAL_STATUS},
    )
    changed_on = forms.DateField(
        label="Date",
        error_messages={"required": MISSING_APPROVAL_DATE, "invalid": MISSING_APPROVAL_DATE},
        help_text="For example, 2019-04-01",
    )
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea, max_length=2000)


class MeasureForm(forms.Form):
    name = required_text(
        "Name of the measure",
        max_length=300,
        missing=MISSING_MEASURE_NAME,
        help_text="For example, EHC plans issued within 20 weeks",
    )
    unit = forms.CharField(
        label="Unit (optional)", max_length=40, required=False, help_text="For example %, weeks or children"
    )
    baseline = number_field("Baseline value", missing=MISSING_BASELINE, invalid=INVALID_BASELINE)
    baseline_on = GovukDateField(
        label="Date of the baseline", errors=BASELINE_ON, help_text="For example, 31 3 2024"
    )
    higher_is_better = radios(
        "Is a higher value better?",
        [("yes", "Yes"), ("no", "No, lower is better")],
        MISSING_DIRECTION,
        coerce=lambda value: value == "yes",
        initial="yes",
    )
    finding = forms.TypedChoiceField(
        label="The finding it measures (optional)", coerce=int, required=False, empty_value=None
    )
    kpi_id = forms.ChoiceField(
        label="Take its actuals from a KPI (optional)",
        required=False,
        help_text="A measure bound to a KPI is counted from the case records at each milestone and "
        "board meeting; its actuals are never typed in",
        error_messages={"invalid_choice": UNKNOWN_KPI},
    )
    target = number_field("Target value (optional)", missing="", invalid=INVALID_TARGET, required=False)
    target_on = GovukDateField(label="Date of the target (optional)", errors=TARGET_ON, required=False)

    def __init__(
        self, *args: Any, findings: list[Finding], kpi_choices: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.findings = {finding.pk: finding for finding in findings}
        self.fields["finding"].choices = [
            ("", "Not linked to a finding"),
            *((pk, str(finding)) for pk, finding in self.findings.items()),
        ]
        self.fields["kpi_id"].choices = [("", "No: the actuals are typed in"), *kpi_choices]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("target") is not None and cleaned.get("target_on") is None:
            self.add_error("target_on", TARGET_NEEDS_DATE)
        return cleaned

    def clean_finding(self) -> Finding | None:
        pk = self.cleaned_data.get("finding")
        return self.findings.get(pk) if pk is not None else None


class MeasurePointForm(forms.Form):
    """A milestone (a value to reach by a date) or an actual (the value on a date)."""

    on = GovukDateField(label="Date", errors=MILESTONE_ON, help_text="For example, 31 3 2025")
    value = number_field("Value", missing=MISSING_POINT_VALUE, invalid=INVALID_POINT_VALUE)

    def __init__(self, *args: Any, actual: bool, baseline_on: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.baseline_on = baseline_on
        self.date_errors = ACTUAL_ON if actual else MILESTONE_ON
        field = cast(GovukDateField, self.fields["on"])
        field.date_errors = self.date_errors
        field.not_in_future = actual
        field.label = "Date of the actual" if actual else "Date of the milestone"

    def clean_on(self) -> dt.date:
        on: dt.date = self.cleaned_data["on"]
        if on < self.baseline_on:
            raise forms.ValidationError(self.date_errors.before("the date of the baseline"))
        return on


class BoardForm(forms.Form):
    name = required_text(
        "Name of the board",
        max_length=200,
        missing=MISSING_BOARD_NAME,
        help_text="For example, SEND Partnership Board",
    )

    def __init__(self, *args: Any, taken: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.taken = {name.casefold() for name in taken}

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if name.casefold() in self.taken:
            raise forms.ValidationError(BOARD_NAME_TAKEN)
        return name


class MeetingForm(forms.Form):
    board = radios("Board", (), MISSING_BOARD, coerce=int)
    held_on = GovukDateField(
        label="Date of the meeting", errors=MEETING_HELD_ON, help_text="For example, 3 6 2025"
    )
    deep_dive_theme = forms.CharField(label="Deep-dive theme (optional)", max_length=300, required=False)
    deep_dive_workstream = forms.TypedChoiceField(
        label="Workstream of the deep dive (optional)", coerce=int, required=False, empty_value=None
    )
    papers = DocumentField(label="Upload the papers (optional)", help_text="PDF or Word, up to 20MB")
    papers_url = forms.URLField(
        label="Or give a link to the papers (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": INVALID_PAPERS_URL},
    )

    def __init__(self, *args: Any, boards: list[Board], workstreams: list[Workstream], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.boards = {board.pk: board for board in boards}
        self.workstreams = {workstream.pk: workstream for workstream in workstreams}
        self.fields["board"].choices = [(pk, board.name) for pk, board in self.boards.items()]
        self.fields["deep_dive_workstream"].choices = [
            ("", "None"),
            *((pk, workstream.name) for pk, workstream in self.workstreams.items()),
        ]

    def clean_board(self) -> Board:
        return self.boards[self.cleaned_data["board"]]

    def clean_deep_dive_workstream(self) -> Workstream | None:
        pk = self.cleaned_data.get("deep_dive_workstream")
        return self.workstreams.get(pk) if pk is not None else None
