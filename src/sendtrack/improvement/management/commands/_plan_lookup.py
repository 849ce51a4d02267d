"""What the plan commands share: finding the area and plan, exit statuses as docs/spec/improvement-plan.md."""

from __future__ import annotations

import sys

from django.core.management.base import CommandParser

from sendtrack.accounts.models import LocalArea
from sendtrack.improvement.models import ImprovementPlan
from sendtrack.improvement.services.imports import AreaNotFound, resolve_area

UNKNOWN_PLAN = "No plan named {name!r} in {area}"


class PlanCommandError(SystemExit):
    """Ends the command with one line on stderr and exit status 2."""

    def __init__(self, message: str) -> None:
        sys.stderr.write(message + "\n")
        super().__init__(2)


def add_area_argument(parser: CommandParser) -> None:
    parser.add_argument("--area", help="The local area's DfE code or name (not needed with one local area)")


def area_from(options: dict[str, object]) -> LocalArea:
    try:
        return resolve_area(options.get("area"))  # type: ignore[arg-type]
    except AreaNotFound as error:
        raise PlanCommandError(str(error)) from error


def plan_from(area: LocalArea, name: str) -> ImprovementPlan:
    plan = ImprovementPlan.objects.filter(local_area=area, name=name).first()
    if plan is None:
        raise PlanCommandError(UNKNOWN_PLAN.format(name=name, area=area.name))
    return plan
