"""Choosing the local area a command works on."""

from __future__ import annotations

from django.core.management.base import CommandError

from sendtrack.accounts.models import LocalArea

DEFAULT_AREA_NAME = "Local area"


def find_area(value: str | None, *, new_if_none: bool = False) -> LocalArea:
    """The area named by DfE code or name; without one, the only area.

    With `new_if_none` and no area yet, a new area not yet saved: the caller saves it with its change.
    """
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
        if new_if_none:
            return LocalArea(code="000", name=DEFAULT_AREA_NAME)
        raise CommandError("There is no local area yet")
    raise CommandError("This installation holds several local areas: name one with --area CODE")
