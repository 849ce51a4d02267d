"""`sendtrack refresh-kpis`: rebuild the KPI summaries the dashboard reads."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.performance.services.refresh import refresh_summaries


class Command(BaseCommand):
    help = "Rebuild the KPI summaries of one local area (or all) from milestones and imported figures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", help="DfE code of the local area (default: every area)")
        parser.add_argument("--as-of", dest="as_of", help="date of the figures, YYYY-MM-DD (default: today)")

    def handle(self, *args: object, **options: object) -> None:
        try:
            as_of = date.fromisoformat(str(options["as_of"])) if options["as_of"] else timezone.localdate()
        except ValueError:
            raise CommandError("--as-of must be a date in the form YYYY-MM-DD") from None
        areas = LocalArea.objects.all()
        if options["area"]:
            areas = areas.filter(code=options["area"])
            if not areas.exists():
                raise CommandError(f"There is no local area with code {options['area']}")
        total_rows = total_seconds = 0.0
        count = 0
        for area in areas:
            report = refresh_summaries(area=area, as_of=as_of)
            total_rows += report.rows
            total_seconds += report.seconds
            count += 1
            if options["verbosity"] and int(str(options["verbosity"])) > 1:  # type: ignore[call-overload]
                self.stdout.write(report.summary())
        self.stdout.write(f"Refreshed {count} areas: {int(total_rows)} summary rows in {total_seconds:.1f}s")
