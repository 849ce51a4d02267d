"""`sendtrack export-sen2`: write a local area's SEN2 person-level return as XML."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.command_options import add_area_option, chosen_area
from sendtrack.performance.services.sen2 import export_sen2

OFFICER_CODES = ("Y", "N", "R")


class Command(BaseCommand):
    help = "Write the DfE SEN2 person-level return (XML) of a local area to standard output."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--census-date", dest="census_date", required=True, help="census day, YYYY-MM-DD")
        add_area_option(parser)
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
        area = chosen_area(options["area"])  # type: ignore[arg-type]
        header = {}
        for officer in ("dmo", "dco", "dsco"):
            if options[officer]:
                header[officer] = str(options[officer])
            else:
                self.stderr.write(f"--{officer} not given: the return says Y; check it before submitting")
        persons = export_sen2(area=area, census_date=census, out=self.stdout, **header)
        self.stderr.write(f"Wrote {persons} persons for {area.name} (census {census.isoformat()})")
