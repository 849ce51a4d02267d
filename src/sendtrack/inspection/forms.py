"""The clock's forms: the day of the call, the day the children were named, a task done."""

from __future__ import annotations

from django import forms

from sendtrack.improvement.form_fields import DateErrors, GovukDateField
from sendtrack.inspection.clock import CLOCK

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
    task = forms.ChoiceField(
        label="Which task is done?",
        choices=[(rule.key, rule.title) for rule in CLOCK],
        widget=forms.RadioSelect,
        error_messages={"required": MISSING_TASK, "invalid_choice": MISSING_TASK},
    )
    done_on = GovukDateField(label="When was it done?", errors=DONE_ON, not_in_future=True)
