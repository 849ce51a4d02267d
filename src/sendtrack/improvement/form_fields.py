"""Form fields the improvement pages share: the GOV.UK date input, documents, numbers.

Each date field is given what it asks for in words ("the date the inspection started"); its
messages follow the GOV.UK pattern and tests read them from the same `DateErrors` constant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

PARTS = ("day", "month", "year")
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".odt")
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
WRONG_DOCUMENT_TYPE = "The selected file must be a PDF, Word or OpenDocument file"
DOCUMENT_TOO_BIG = "The selected file must be smaller than 20MB"
EMPTY_DOCUMENT = "The selected file is empty"


@dataclass(frozen=True)
class DateErrors:
    """The messages for one date, built from what it is: `DateErrors("the date the letter was published")`."""

    subject: str

    @property
    def _subject(self) -> str:
        return self.subject[0].upper() + self.subject[1:]

    @property
    def missing(self) -> str:
        return f"Enter {self.subject}"

    def incomplete(self, *parts: str) -> str:
        return f"{self._subject} must include a {' and '.join(parts)}"

    @property
    def invalid(self) -> str:
        return f"{self._subject} must be a real date, for example 27 3 2024"

    @property
    def future(self) -> str:
        return f"{self._subject} must be today or in the past"

    def before(self, other: str) -> str:
        return f"{self._subject} must be the same as or after {other}"


class DateParts(forms.MultiWidget):
    """Three text boxes named NAME_day, NAME_month and NAME_year."""

    def __init__(self) -> None:
        super().__init__({part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in PARTS})

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.Field):
    """A date entered as day, month and year; `not_in_future` refuses dates after today."""

    widget = DateParts

    def __init__(self, *, errors: DateErrors, not_in_future: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.date_errors = errors
        self.not_in_future = not_in_future

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        parts = [str(part or "").strip() for part in (value or ["", "", ""])]
        if not any(parts):
            return None
        missing = [name for name, part in zip(PARTS, parts, strict=True) if not part]
        if missing:
            raise forms.ValidationError(self.date_errors.incomplete(*missing), code="incomplete")
        try:
            day, month, year = (int(part) for part in parts)
            if year < 1900:
                raise ValueError(year)
            return dt.date(year, month, day)
        except ValueError as error:
            raise forms.ValidationError(self.date_errors.invalid, code="invalid") from error

    def validate(self, value: dt.date | None) -> None:
        if value is None:
            if self.required:
                raise forms.ValidationError(self.date_errors.missing, code="required")
            return
        if self.not_in_future and value > timezone.localdate():
            raise forms.ValidationError(self.date_errors.future, code="future")


class DocumentField(forms.FileField):
    """An optional upload of a PDF, Word or OpenDocument file of at most 20MB."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {"empty": EMPTY_DOCUMENT})
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> UploadedFile | None:
        upload: UploadedFile | None = super().clean(data, initial)
        if not upload:
            return None
        if PurePath(upload.name or "").suffix.lower() not in DOCUMENT_SUFFIXES:
            raise forms.ValidationError(WRONG_DOCUMENT_TYPE, code="type")
        if upload.size and upload.size > DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(DOCUMENT_TOO_BIG, code="size")
        return upload


def number_field(label: str, *, missing: str, invalid: str, **kwargs: Any) -> forms.DecimalField:
    """A value of a measure: up to 10 whole digits and 2 decimal places, one message for any bad entry."""
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": missing,
            "invalid": invalid,
            "max_digits": invalid,
            "max_decimal_places": invalid,
            "max_whole_digits": invalid,
        },
        **kwargs,
    )
