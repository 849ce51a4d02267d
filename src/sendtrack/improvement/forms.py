from __future__ import annotations

from django import forms

from sendtrack.improvement.models import Action, ApprovalStatus, ImprovementPlan, PlanKind, Rag, Status
from sendtrack.improvement.services.publication import UNAPPROVED_NEEDS_REASON
from sendtrack.improvement.services.updates import NOTHING_TO_RECORD, RAG_REASON_REQUIRED

MISSING_PLAN_NAME = "Enter the name of the plan"
MISSING_FILE = "Select the plan spreadsheet (.xlsx or .csv)"
WRONG_FILE_TYPE = "The selected file must be an .xlsx or .csv spreadsheet"
MISSING_STATUS = "Select the action's status"
MISSING_APPROVAL_STATUS = "Select the plan's approval status"
MISSING_APPROVAL_DATE = "Enter the date the approval status changed"


class ImportPlanForm(forms.Form):
    plan_name = forms.CharField(
        label="Plan name",
        max_length=200,
        error_messages={"required": MISSING_PLAN_NAME},
        help_text="An existing plan of this name is updated action by action",
    )
    kind = forms.ChoiceField(
        label="Kind of plan (for a new plan)", choices=PlanKind.choices, initial=PlanKind.IMPROVEMENT_PLAN
    )
    file = forms.FileField(
        label="Plan spreadsheet",
        error_messages={"required": MISSING_FILE},
        help_text="One row per action; the first row holds the column names",
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".xlsm", ".csv")):
            raise forms.ValidationError(WRONG_FILE_TYPE)
        return upload


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

    def __init__(self, *args: object, action: Action, **kwargs: object) -> None:
        kwargs.setdefault("initial", {"status": action.status, "rag": action.rag})  # type: ignore[arg-type]
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
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

    def __init__(self, *args: object, plan: ImprovementPlan, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
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

    def __init__(self, *args: object, plan: ImprovementPlan, meetings: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
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
