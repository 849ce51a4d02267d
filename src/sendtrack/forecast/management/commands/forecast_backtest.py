"""`sendtrack forecast-backtest`: forecast the area's past from what was known then, and score it."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sendtrack.command_options import add_area_option, chosen_area
from sendtrack.forecast.backtest import HEADLINE
from sendtrack.forecast.management.commands._dates import parse_date
from sendtrack.forecast.model import DEFAULT_WINDOW_MONTHS
from sendtrack.forecast.services import run_backtest


class Command(BaseCommand):
    help = "Backtest the forecast: for each date, forecast from the history known then and compare."

    def add_arguments(self, parser: CommandParser) -> None:
        add_area_option(parser)
        parser.add_argument("--from", dest="first", required=True, help="first as-of date, YYYY-MM-DD")
        parser.add_argument("--to", dest="last", required=True, help="last as-of date, YYYY-MM-DD")
        parser.add_argument("--step", choices=("month", "quarter", "week"), default="month")
        parser.add_argument("--window", type=int, default=DEFAULT_WINDOW_MONTHS, help="months of history")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        area = chosen_area(options["area"])
        first = parse_date(options["first"], "--from")
        last = parse_date(options["last"], "--to")
        today = timezone.localdate()
        if last < first:
            raise CommandError("--to must be on or after --from")
        if last >= today:
            raise CommandError("--to must be before today: a forecast is checked once its outcome is known")
        stored = run_backtest(
            area=area,
            first=first,
            last=last,
            step=str(options["step"]),
            truth_date=today,
            window_months=int(options["window"]),
        )
        report = stored.report
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=1))
            return
        self.stdout.write(f"{area.name}: {len(report['as_of_dates'])} as-of dates")
        self.stdout.write(f"{'step':32} {'n':>6} {'forecast':>9} {'overall':>9} {'by stage':>9}")
        for kind, scores in report["steps"].items():
            self.stdout.write(
                f"{kind:32} {scores['n']:>6} {scores['brier']:>9.4f} "
                f"{scores['brier_overall_baseline']:>9.4f} {scores['brier_stage_baseline']:>9.4f}"
            )
        verdict = "beats" if stored.beats_baselines else "does NOT beat"
        self.stdout.write(f"The forecast {verdict} both baselines for the {HEADLINE.replace('_', ' ')} step.")
