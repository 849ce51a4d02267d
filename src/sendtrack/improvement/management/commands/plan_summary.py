from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sendtrack.improvement.management.commands._plan_lookup import (
    PlanCommandError,
    add_area_argument,
    area_from,
    plan_from,
)
from sendtrack.improvement.selectors import plan_summary


class Command(BaseCommand):
    help = (
        "Print a plan's counted progress summary, as a sentence or (--json) as the JSON of "
        "docs/spec/improvement-plan.md §3."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="The plan's name")
        parser.add_argument("--as-of", help="The date to count as of, YYYY-MM-DD (default today)")
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON")
        add_area_argument(parser)

    def handle(self, *args: object, **options: object) -> None:
        as_of = timezone.localdate()
        if options.get("as_of"):
            try:
                as_of = dt.date.fromisoformat(str(options["as_of"]))
            except ValueError as error:
                raise PlanCommandError(
                    f"--as-of must be a date like 2019-05-16, not {options['as_of']!r}"
                ) from error
        summary = plan_summary(plan_from(area_from(options), str(options["plan"])), as_of)
        self.stdout.write(json.dumps(summary.as_json()) if options["json"] else summary.sentence)
