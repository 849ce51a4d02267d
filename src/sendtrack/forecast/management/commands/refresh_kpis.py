"""`sendtrack refresh-kpis`: rebuild the KPI summaries the dashboard reads, then the forecast.

It lives with the forecast, the higher of the two layers it refreshes.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sendtrack.command_options import add_area_option, add_as_of_option, as_of_option, chosen_areas
from sendtrack.forecast.services import refresh_forecast
from sendtrack.performance.services.refresh import refresh_all


class Command(BaseCommand):
    help = "Rebuild the KPI summaries and the forecast of one local area (or all) from milestones."

    def add_arguments(self, parser: CommandParser) -> None:
        add_area_option(parser, left_out="every area")
        add_as_of_option(parser, what="the date of the figures")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = as_of_option(options["as_of"])
        areas = list(chosen_areas(options["area"]))
        # Every area's KPIs at once (set-based on PostgreSQL), then each area's forecast.
        started = time.perf_counter()
        reports = refresh_all(areas=areas, as_of=as_of)
        for area in areas:
            refresh_forecast(area=area, as_of=as_of)
        if options["verbosity"] and int(str(options["verbosity"])) > 1:
            for report in reports:
                self.stdout.write(report.summary())
        total_rows = sum(report.rows for report in reports)
        total_seconds = time.perf_counter() - started
        self.stdout.write(
            f"Refreshed {len(reports)} areas: {total_rows} summary rows in {total_seconds:.1f}s"
        )
