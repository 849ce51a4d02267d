"""`sendtrack kpis`: print every KPI's value, numerator and denominator as JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sendtrack.command_options import add_area_option, add_as_of_option, as_of_option, chosen_areas
from sendtrack.performance.counting import results_for
from sendtrack.performance.services.refresh import area_tallies


class Command(BaseCommand):
    help = "Print every KPI's value with its numerator and denominator, keyed by KPI id."

    def add_arguments(self, parser: CommandParser) -> None:
        add_area_option(parser, left_out="every area taken together")
        parser.add_argument(
            "--year", type=int, help="calendar year of the yearly KPIs (default: the year of --as-of)"
        )
        add_as_of_option(parser, what="the date of the figures")
        parser.add_argument(
            "--json", action="store_true", help="print JSON (the only format; kept for scripts)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = as_of_option(options["as_of"])
        area_ids = list(chosen_areas(options["area"]).values_list("pk", flat=True))
        year = options["year"] or as_of.year
        results = results_for(area_tallies(area_ids, as_of), year=int(year))
        self.stdout.write(json.dumps(results, indent=2, sort_keys=True))
