"""Form fields the pages of any app share."""

from __future__ import annotations

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
