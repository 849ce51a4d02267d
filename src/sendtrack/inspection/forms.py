"""The clock's forms: the day of the call, the day the children were named, a task done."""

from __future__ import annotations

from django import forms

from sendtrack.core.form_fields import radios, required_text
from sendtrack.improvement.form_fields import DateErrors, GovukDateField
from sendtrack.inspection.clock import CLOCK
from sendtrack.inspection.models import THEMES
from sendtrack.inspection.outcomes import OUTCOMES, parse_priority_areas

NOTIFIED_ON = DateErrors("the date the inspectors called")
NAMED_ON = DateErrors("the date the inspectors named the children")
DONE_ON = DateErrors("the date the task was done")
MISSING_TASK = "Select the task that was done"


class NotificationForm(forms.Form):
    notified_on = GovukDateField(
        label="When did the inspectors call?",
        help_text="Usually a Monday. For example, 5 1 2026",
        errors=NOTIFIED_ON,
        not_in_future=True,
    )


class ChildrenNamedForm(forms.Form):
    named_on = GovukDateField(
        label="When did the inspectors name the children to track?",
        help_text="The tracking documents are due two working days later",
        errors=NAMED_ON,
        not_in_future=True,
    )


class TaskDoneForm(forms.Form):
    task = radios("Which task is done?", [(rule.key, rule.title) for rule in CLOCK], MISSING_TASK)
    done_on = GovukDateField(label="When was it done?", errors=DONE_ON, not_in_future=True)


REPORT_PUBLISHED_ON = DateErrors("the date the report was published")
MISSING_OUTCOME = "Select the outcome the report gives"


class OutcomeForm(forms.Form):
    outcome = radios(
        "What is the inspection outcome?",
        [(key, outcome.label) for key, outcome in OUTCOMES.items()],
        MISSING_OUTCOME,
    )
    report_published_on = GovukDateField(
        label="When was the report published?", errors=REPORT_PUBLISHED_ON, not_in_future=True
    )
    priority_areas = forms.CharField(
        label="Areas for priority action",
        help_text='One a line: the responsible body, a colon, then the wording, for example "Leaders across '
        'the partnership: ensure that EHC plans are issued within 20 weeks"',
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    improvement_areas = forms.CharField(
        label="Areas for improvement",
        help_text="One a line, as the report words them",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def clean_priority_areas(self) -> list[tuple[str, str]]:
        try:
            return parse_priority_areas(self.cleaned_data["priority_areas"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def clean_improvement_areas(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["improvement_areas"].splitlines() if line.strip()]


NAMED_FIELD = "Enter the case reference of a child the inspectors named"


class NamedChildForm(forms.Form):
    case_ref = required_text(
        "Case reference of a child the inspectors named", max_length=64, missing=NAMED_FIELD
    )


class ThemeForm(forms.Form):
    theme = radios("Theme", [(theme.value, theme.label) for theme in THEMES], "Select a theme")
