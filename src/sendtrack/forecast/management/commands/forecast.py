"""`sendtrack forecast`: which open steps will miss their time limit, and how many breaches to expect."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sendtrack.command_options import add_area_option, add_as_of_option, as_of_option, chosen_area
from sendtrack.forecast.area import area_json
from sendtrack.forecast.model import DEFAULT_WINDOW_MONTHS
from sendtrack.forecast.predict import final_plan_limit
from sendtrack.forecast.services import forecast_past, refresh_forecast
from sendtrack.statutory import format_date


class Command(BaseCommand):
    help = "Forecast every open request and review of a local area (today's forecast is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_area_option(parser)
        add_as_of_option(parser, what="forecast as the area stood on this date, from events dated up to it")
        parser.add_argument("--window", type=int, default=DEFAULT_WINDOW_MONTHS, help="months of history")
        parser.add_argument("--json", action="store_true", help="print the forecast as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        area = chosen_area(options["area"])
        today = timezone.localdate()
        as_of = as_of_option(options["as_of"])
        window = int(options["window"])
        if as_of == today:
            report = refresh_forecast(area=area, as_of=as_of, window_months=window)
            if not options["json"]:
                self.stdout.write(report.summary())
                return
        result = forecast_past(area, as_of, window)
        if options["json"]:
            self.stdout.write(json.dumps({"area": area.code, **area_json(result)}, indent=1))
            return
        summary = result.summary
        limit = final_plan_limit(as_of)
        self.stdout.write(
            f"{area.name} as of {format_date(as_of)}: {summary.open_requests} open requests, "
            f"{summary.already_late} already past {limit}, "
            f"{summary.expected_breaches} more expected to miss it"
        )
