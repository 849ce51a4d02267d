"""`sendtrack refresh-kpis`: rebuild the KPI summaries the dashboard reads, then the forecast.

It lives with the forecast, the higher of the two layers it refreshes.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from sendtrack.command_options import add_area_option, add_as_of_option, as_of_option, chosen_areas
from sendtrack.forecast.services import refresh_forecast
from sendtrack.performance.services.refresh import refresh_summaries


class Command(BaseCommand):
    help = "Rebuild the KPI summaries and the forecast of one local area (or all) from milestones."

    def add_arguments(self, parser: CommandParser) -> None:
        add_area_option(parser, left_out="every area")
        add_as_of_option(parser, what="the date of the figures")

    def handle(self, *args: object, **options: object) -> None:
        as_of = as_of_option(options["as_of"])
        areas = chosen_areas(options["area"])  # type: ignore[arg-type]
        total_rows = total_seconds = 0.0
        count = 0
        for area in areas:
            report = refresh_summaries(area=area, as_of=as_of)
            refresh_forecast(area=area, as_of=as_of)
            total_rows += report.rows
            total_seconds += report.seconds
            count += 1
            if options["verbosity"] and int(str(options["verbosity"])) > 1:  # type: ignore[call-overload]
                self.stdout.write(report.summary())
        self.stdout.write(f"Refreshed {count} areas: {int(total_rows)} summary rows in {total_seconds:.1f}s")
