"""`sendtrack kpis`: print every KPI's value, numerator and denominator as JSON."""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.performance.counting import results_for
from sendtrack.performance.services.refresh import area_tallies


class Command(BaseCommand):
    help = "Print every KPI's value with its numerator and denominator, keyed by KPI id."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", help="DfE code of the local area (default: every area taken together)")
        parser.add_argument(
            "--year", type=int, help="calendar year of the yearly KPIs (default: the year of --as-of)"
        )
        parser.add_argument("--as-of", dest="as_of", help="date of the figures, YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--json", action="store_true", help="print JSON (the only format; kept for scripts)"
        )

    def handle(self, *args: object, **options: object) -> None:
        try:
            as_of = date.fromisoformat(str(options["as_of"])) if options["as_of"] else timezone.localdate()
        except ValueError:
            raise CommandError("--as-of must be a date in the form YYYY-MM-DD") from None
        if options["area"]:
            area = LocalArea.objects.filter(code=options["area"]).first()
            if area is None:
                raise CommandError(f"There is no local area with code {options['area']}")
            area_ids = [area.pk]
        else:
            area_ids = list(LocalArea.objects.values_list("pk", flat=True))
        year = options["year"] or as_of.year
        results = results_for(area_tallies(area_ids, as_of), year=int(year))  # type: ignore[call-overload]
        self.stdout.write(json.dumps(results, indent=2, sort_keys=True))
