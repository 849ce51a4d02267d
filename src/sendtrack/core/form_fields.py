"""Form fields the pages of any app share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile


class FileOfType(forms.FileField):
    """An upload whose name ends in one of `suffixes`, in any case; any other is refused with `wrong_type`."""

    def __init__(self, *, suffixes: tuple[str, ...], wrong_type: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.suffixes = suffixes
        self.wrong_type = wrong_type

    def clean(self, data: Any, initial: Any = None) -> UploadedFile | None:
        upload: UploadedFile | None = super().clean(data, initial)
        if upload and not (upload.name or "").lower().endswith(self.suffixes):
            raise forms.ValidationError(self.wrong_type)
        return upload


def radios(
    label: str, choices: Any, missing: str, *, coerce: Callable[[Any], Any] | None = None, **kwargs: Any
) -> forms.ChoiceField:
    """Radio buttons with one message, `missing`, for no answer and for an answer not offered.

    With `coerce` the answer is converted, for example to a record's key with `int`.
    """
    field = forms.ChoiceField if coerce is None else forms.TypedChoiceField
    if coerce is not None:
        kwargs["coerce"] = coerce
    return field(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": missing, "invalid_choice": missing},
        **kwargs,
    )


def required_text(label: str, *, max_length: int, missing: str, **kwargs: Any) -> forms.CharField:
    """A text answer that must be given: `missing` says what to enter."""
    return forms.CharField(label=label, max_length=max_length, error_messages={"required": missing}, **kwargs)


def whole_number(
    label: str, *, lowest: int, highest: int, missing: str, invalid: str = "", **kwargs: Any
) -> forms.IntegerField:
    """A whole number from `lowest` to `highest`.

    `missing` asks for it; `invalid`, when given, is the one message for any entry that is not such a number.
    """
    messages = {"required": missing}
    if invalid:
        messages |= {"invalid": invalid, "min_value": invalid, "max_value": invalid}
    return forms.IntegerField(
        label=label, min_value=lowest, max_value=highest, error_messages=messages, **kwargs
    )
