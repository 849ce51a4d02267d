"""Reading the date options of the forecast commands."""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError


def parse_date(value: object, option: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CommandError(f"{option} must be a date in the form YYYY-MM-DD, not {value!r}") from None
