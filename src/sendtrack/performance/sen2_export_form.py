"""The form that starts the SEN2 return as a job: what `sendtrack export-sen2` asks for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.formats import date_format

from sendtrack.performance.sen2_renderer import census_date_for, next_census_date

OFFICER_CHOICES = [("Y", "Yes, in post"), ("N", "No"), ("R", "Being recruited")]
OFFICERS = (
    ("dmo", "Is there a designated medical officer (DMO) in post?"),
    ("dco", "Is there a designated clinical officer (DCO) in post?"),
    ("dsco", "Is there a designated social care officer (DSCO) in post?"),
)


def census_choices(today: dt.date) -> list[tuple[str, str]]:
    """The coming census day and the two before it."""
    latest = next_census_date(today)
    days = [census_date_for(year) for year in (latest.year, latest.year - 1, latest.year - 2)]
    return [(day.isoformat(), date_format(day, "j F Y")) for day in days]


class Sen2ExportForm(forms.Form):
    """What `sendtrack export-sen2` asks for: the census day, the officers in post, draft or not."""

    census_date = forms.ChoiceField(
        label="Census day", widget=forms.RadioSelect, error_messages={"required": "Select the census day"}
    )
    draft = forms.BooleanField(
        label="Write it even if it has errors, marked as a draft (not for submission to the DfE)",
        required=False,
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["census_date"].choices = census_choices(today)
        for name, question in OFFICERS:
            self.fields[name] = forms.ChoiceField(
                label=question,
                choices=OFFICER_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select whether there is a {name.upper()} in post"},
            )
        self.order_fields(["census_date", "dmo", "dco", "dsco", "draft"])

    def header(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name, _ in OFFICERS}
