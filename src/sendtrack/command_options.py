"""The options every command shares: `--area` and `--as-of`.

`--area` names a local area by its DfE code or its name. Left out, a command that works in one area
takes the installation's only area (and an import on an empty installation creates one, as
docs/spec/improvement-plan.md §1 asks); a command that can work across areas takes every area.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError, CommandParser
from django.db.models import QuerySet
from django.utils import timezone

from sendtrack.accounts.models import LocalArea

FIRST_AREA_CODE = "000"
FIRST_AREA_NAME = "Local area"
NO_SUCH_AREA = "No local area has the code or name {value!r}"
SEVERAL_AREAS = "This installation holds several local areas: name one with --area CODE"
NO_AREA_YET = "There is no local area yet"
BAD_AS_OF = "--as-of must be a date in the form YYYY-MM-DD, not {value!r}"


def add_area_option(parser: CommandParser, *, left_out: str = "", required: bool = False) -> None:
    """Add `--area`; `left_out` says what the command does without it (default: the only area)."""
    when_left_out = "" if required else f" (left out: {left_out or 'the only local area'})"
    parser.add_argument("--area", required=required, help=f"the local area's DfE code or name{when_left_out}")


def named_area(value: str) -> LocalArea:
    """The area whose DfE code, or else whose name (in any case), is `value`."""
    by_code = LocalArea.objects.filter(code=value).first()
    area = by_code or LocalArea.objects.filter(name__iexact=value).first()
    if area is None:
        raise CommandError(NO_SUCH_AREA.format(value=value))
    return area


def chosen_area(value: str | None, *, create_if_none: bool = False, new_if_none: bool = False) -> LocalArea:
    """The named area; without a name, the only one.

    With no area yet: `create_if_none` creates the first one; `new_if_none` gives it unsaved, for a
    service that saves it in the same transaction as its change.
    """
    if value:
        return named_area(value)
    areas = list(LocalArea.objects.all()[:2])
    if len(areas) > 1:
        raise CommandError(SEVERAL_AREAS)
    if areas:
        return areas[0]
    if new_if_none:
        return LocalArea(code=FIRST_AREA_CODE, name=FIRST_AREA_NAME)
    if not create_if_none:
        raise CommandError(NO_AREA_YET)
    area, _ = LocalArea.objects.get_or_create(code=FIRST_AREA_CODE, defaults={"name": FIRST_AREA_NAME})
    return area


def chosen_areas(value: str | None) -> QuerySet[LocalArea]:
    """The named area, or every area when no name is given."""
    areas = LocalArea.objects.order_by("code")
    return areas.filter(pk=named_area(value).pk) if value else areas


def chosen_area_or_every(value: str | None) -> LocalArea | None:
    """The named area, or None (meaning every area) when no name is given."""
    return named_area(value) if value else None


def add_as_of_option(parser: CommandParser, *, what: str) -> None:
    """Add `--as-of`: the date `what` is judged on, today when left out."""
    parser.add_argument("--as-of", dest="as_of", help=f"{what}, YYYY-MM-DD (left out: today)")


def as_of_option(value: object) -> date:
    """The `--as-of` date given, or today's date when none was."""
    if not value:
        return timezone.localdate()
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CommandError(BAD_AS_OF.format(value=value)) from None
