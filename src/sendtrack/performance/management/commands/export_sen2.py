"""`sendtrack export-sen2`: write a local area's SEN2 person-level return as XML."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.accounts.models import LocalArea
from sendtrack.performance.services.sen2 import export_sen2

OFFICER_CODES = ("Y", "N", "R")


class Command(BaseCommand):
    help = "Write the DfE SEN2 person-level return (XML) of a local area to standard output."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--census-date", dest="census_date", required=True, help="census day, YYYY-MM-DD")
        parser.add_argument("--area", help="DfE code of the local area (needed when there are several)")
        for officer, words in (
            ("dmo", "designated medical officer"),
            ("dco", "designated clinical officer"),
            ("dsco", "designated social care officer"),
        ):
            parser.add_argument(
                f"--{officer}",
                choices=OFFICER_CODES,
                help=f"is there a {words} in post: Y, N or R (recruiting)",
            )

    def handle(self, *args: object, **options: object) -> None:
        try:
            census = date.fromisoformat(str(options["census_date"]))
        except ValueError:
            raise CommandError("--census-date must be a date in the form YYYY-MM-DD") from None
        areas = LocalArea.objects.all()
        if options["area"]:
            areas = areas.filter(code=options["area"])
        found = list(areas[:2])
        if not found:
            raise CommandError(f"There is no local area with code {options['area']}")
        if len(found) > 1:
            raise CommandError("There are several local areas: choose one with --area CODE")
        header = {}
        for officer in ("dmo", "dco", "dsco"):
            if options[officer]:
                header[officer] = str(options[officer])
            else:
                self.stderr.write(f"--{officer} not given: the return says Y; check it before submitting")
        persons = export_sen2(area=found[0], census_date=census, out=self.stdout, **header)
        self.stderr.write(f"Wrote {persons} persons for {found[0].name} (census {census.isoformat()})")
