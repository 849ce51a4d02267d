"""What the plan commands share: finding the area and plan, exit statuses as docs/spec/improvement-plan.md."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser

from sendtrack.accounts.models import LocalArea
from sendtrack.command_options import add_area_option, chosen_area
from sendtrack.improvement.models import ImprovementPlan

UNKNOWN_PLAN = "No plan named {name!r} in {area}"


class PlanCommandError(SystemExit):
    """Ends the command with one line on stderr and exit status 2."""

    def __init__(self, message: str) -> None:
        sys.stderr.write(message + "\n")
        super().__init__(2)


def add_plan_arguments(parser: CommandParser, *, plan_help: str = "The plan's name") -> None:
    """`--plan NAME` and `--area`, as every plan command takes them."""
    parser.add_argument("--plan", required=True, help=plan_help)
    add_area_option(parser, left_out="the only local area, created if there is none")


def area_from(options: dict[str, Any]) -> LocalArea:
    try:
        return chosen_area(options.get("area"), create_if_none=True)
    except CommandError as error:
        raise PlanCommandError(str(error)) from error


def plan_from(area: LocalArea, name: str) -> ImprovementPlan:
    plan = ImprovementPlan.objects.filter(local_area=area, name=name).first()
    if plan is None:
        raise PlanCommandError(UNKNOWN_PLAN.format(name=name, area=area.name))
    return plan


def chosen_plan(options: dict[str, Any]) -> ImprovementPlan:
    """The plan named by `--plan` in the area named by `--area`."""
    return plan_from(area_from(options), str(options["plan"]))
