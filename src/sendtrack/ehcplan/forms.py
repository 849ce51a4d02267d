"""The forms a caseworker writes a plan with, and an agency confirms it with."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from django import forms

from sendtrack.ehcplan.models import PlanKind
from sendtrack.ehcplan.structure import (
    AREAS,
    PROVISION_SECTIONS,
    SECTIONS,
    Advice,
    Need,
    Outcome,
    Provision,
)
from sendtrack.statutory.labels import agency_label, lower_first

REFS = re.compile(r"^\s*([BCDE]\d+)(\s*,\s*[BCDE]\d+)*\s*$", re.IGNORECASE)
REFS_HELP = "References separated by commas, for example B1, C2"
AREA_CHOICES = list(AREAS.items())


def _refs_field(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=REFS_HELP, max_length=200)


def _clean_refs(value: str, label: str) -> list[str]:
    if not value.strip():
        return []
    if not REFS.match(value):
        raise forms.ValidationError(f"Enter {label} as references like B1, C2, separated by commas")
    return [ref.strip().upper() for ref in value.split(",")]


class SectionWordsForm(forms.Form):
    words = forms.CharField(
        label="Words of the section", widget=forms.Textarea(attrs={"rows": 6}), required=False
    )


class NeedForm(forms.Form):
    section = forms.ChoiceField(
        label="Section",
        choices=[
            ("B", "B: special educational needs"),
            ("C", "C: health care needs"),
            ("D", "D: social care needs"),
        ],
    )
    area = forms.ChoiceField(label="Broad area of need", choices=AREA_CHOICES)
    text = forms.CharField(
        label="The need",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the need"},
    )

    def need(self, ref: str) -> Need:
        return Need(
            ref, self.cleaned_data["section"], self.cleaned_data["area"], self.cleaned_data["text"].strip()
        )


class OutcomeForm(forms.Form):
    area = forms.ChoiceField(label="Broad area of need", choices=AREA_CHOICES)
    text = forms.CharField(
        label="The outcome",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Say by when, and how success will be measured",
        error_messages={"required": "Enter the outcome"},
    )
    needs = _refs_field("The needs it answers")

    def clean_needs(self) -> list[str]:
        return _clean_refs(self.cleaned_data["needs"], "the needs")

    def outcome(self, ref: str) -> Outcome:
        data = self.cleaned_data
        return Outcome(ref, data["area"], data["text"].strip(), data["needs"])


class ProvisionForm(forms.Form):
    section = forms.ChoiceField(
        label="Section", choices=[(c, f"{c}: {SECTIONS[c].lower()}") for c in PROVISION_SECTIONS]
    )
    area = forms.ChoiceField(label="Broad area of need", choices=AREA_CHOICES)
    support = forms.CharField(
        label="The support required",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the support required"},
    )
    who = forms.CharField(label="Who provides it, with their qualification", required=False, max_length=300)
    ratio = forms.CharField(label="Staff to child ratio", required=False, max_length=40)
    how_often = forms.CharField(label="How often", required=False, max_length=200)
    how_long = forms.CharField(label="How long each time", required=False, max_length=200)
    needs = _refs_field("The needs it meets")
    outcomes = _refs_field("The outcomes it serves")

    def clean_needs(self) -> list[str]:
        return _clean_refs(self.cleaned_data["needs"], "the needs")

    def clean_outcomes(self) -> list[str]:
        return _clean_refs(self.cleaned_data["outcomes"], "the outcomes")

    def provision(self, ref: str) -> Provision:
        data: dict[str, Any] = self.cleaned_data
        return Provision(
            ref,
            data["section"],
            data["area"],
            data["support"].strip(),
            data["who"].strip(),
            data["ratio"].strip(),
            data["how_often"].strip(),
            data["how_long"].strip(),
            data["needs"],
            data["outcomes"],
        )


class IssueForm(forms.Form):
    kind = forms.ChoiceField(
        label="Issue it as",
        choices=PlanKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether this is a draft, final or amended plan"},
    )
    on = forms.DateField(
        label="Date issued",
        help_text="For example, 2026-03-16",
        error_messages={
            "required": "Enter the date the plan was issued",
            "invalid": "Enter the date as year-month-day, for example 2026-03-16",
        },
    )


class ConfirmForm(forms.Form):
    corrections = forms.CharField(
        label="Corrections to your sections (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Leave empty if the sections are right as written",
    )


class AdviceEmailsForm(forms.Form):
    """The email address of each adviser of Section K, where they are asked to confirm a draft."""

    def __init__(self, *args: Any, advice: list[Advice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.advice = advice
        for index, row in enumerate(advice):
            self.fields[f"email_{index}"] = forms.EmailField(
                label=f"{row.adviser} ({lower_first(agency_label(row.agency))} advice)",
                required=False,
                initial=row.email,
                max_length=320,
                error_messages={"invalid": f"Enter {row.adviser}'s email address like name@example.org"},
            )

    def with_emails(self) -> list[Advice]:
        return [
            replace(row, email=self.cleaned_data[f"email_{index}"].strip().lower())
            for index, row in enumerate(self.advice)
        ]
