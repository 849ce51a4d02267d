"""Choosing the local area a command works on."""

from __future__ import annotations

from django.core.management.base import CommandError

from sendtrack.accounts.models import LocalArea

DEFAULT_AREA_NAME = "Local area"


def find_area(value: str | None, *, create_if_none: bool = False) -> LocalArea:
    """The area named by DfE code or name; without one, the only area (or a new one if there is none)."""
    if value:
        area = (
            LocalArea.objects.filter(code=value).first()
            or LocalArea.objects.filter(name__iexact=value).first()
        )
        if area is None:
            raise CommandError(f"No local area has the code or name {value!r}")
        return area
    areas = list(LocalArea.objects.all()[:2])
    if len(areas) == 1:
        return areas[0]
    if not areas:
        if create_if_none:
            return LocalArea.objects.create(code="000", name=DEFAULT_AREA_NAME)
        raise CommandError("There is no local area yet")
    raise CommandError("This installation holds several local areas: name one with --area CODE")
