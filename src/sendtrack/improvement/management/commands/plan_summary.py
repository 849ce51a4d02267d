from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.command_options import add_as_of_option, as_of_option
from sendtrack.improvement.management.commands._plan_lookup import (
    PlanCommandError,
    add_plan_arguments,
    chosen_plan,
)
from sendtrack.improvement.selectors import plan_summary


class Command(BaseCommand):
    help = (
        "Print a plan's counted progress summary, as a sentence or (--json) as the JSON of "
        "docs/spec/improvement-plan.md §3."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_plan_arguments(parser)
        add_as_of_option(parser, what="the date to count as of")
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = as_of_option(options.get("as_of"))
        except CommandError as error:
            raise PlanCommandError(str(error)) from error
        summary = plan_summary(chosen_plan(options), as_of)
        self.stdout.write(json.dumps(summary.as_json()) if options["json"] else summary.sentence)
