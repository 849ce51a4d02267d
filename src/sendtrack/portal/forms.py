from __future__ import annotations

from typing import Any

from django import forms

from sendtrack.accounts.forms import SetPasswordForm
from sendtrack.portal.models import QuestionKind, Relationship, Survey

MISSING_NAME = "Enter the family member's full name"
MISSING_EMAIL = "Enter their email address"
INVALID_EMAIL = "Enter an email address in the correct format, like name@example.com"
MISSING_RELATIONSHIP = "Select how they are related to the child or young person"
MISSING_VIEWS = "Tell us what you think of the draft plan"
VIEWS_TOO_LONG = "What you think of the draft plan must be 10,000 characters or fewer"
SETTING_TOO_LONG = "The name of the school or college must be 200 characters or fewer"
MISSING_SCORE = "Select an answer"


class InviteFamilyMemberForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=150, error_messages={"required": MISSING_NAME})
    email = forms.EmailField(
        label="Email address", error_messages={"required": MISSING_EMAIL, "invalid": INVALID_EMAIL}
    )
    relationship = forms.ChoiceField(
        label="How are they related to the child or young person?",
        choices=[
            (Relationship.PARENT, "Parent"),
            (Relationship.CARER, "Carer"),
            (Relationship.YOUNG_PERSON, "The young person themself (16 or over)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": MISSING_RELATIONSHIP},
    )
    council_decision_confirmed = forms.BooleanField(
        label="The council has decided this young person can have their own account",
        required=False,
    )


class FamilyPasswordForm(SetPasswordForm):
    """The same password rules as staff."""


class DraftResponseForm(forms.Form):
    views = forms.CharField(
        label="What do you think of the draft plan?",
        help_text=(
            "Tell us what is right, what is wrong and what is missing. You can write as much as you like. "
            "To comment on one part, name its section (for example Section F) or its reference (for "
            "example F2), so your words are read beside it."
        ),
        widget=forms.Textarea,
        max_length=10_000,
        error_messages={"required": MISSING_VIEWS, "max_length": VIEWS_TOO_LONG},
    )
    preferred_setting = forms.CharField(
        label="Which school or college would you like to be named in the plan? (optional)",
        help_text="Leave this empty if you do not want to name one.",
        max_length=200,
        required=False,
        error_messages={"max_length": SETTING_TOO_LONG},
    )


SCALE_CHOICES = [
    ("5", "Very good"),
    ("4", "Good"),
    ("3", "Neither good nor poor"),
    ("2", "Poor"),
    ("1", "Very poor"),
]
YES_NO_CHOICES = [("1", "Yes"), ("0", "No")]


class SurveyForm(forms.Form):
    """One field per question, named q<question id>."""

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.all())
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == QuestionKind.TEXT:
                self.fields[name] = forms.CharField(
                    label=question.text, widget=forms.Textarea, required=False, max_length=5_000
                )
            else:
                choices = SCALE_CHOICES if question.kind == QuestionKind.SCALE else YES_NO_CHOICES
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": MISSING_SCORE},
                )

    def answers(self) -> dict[int, str | None]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
