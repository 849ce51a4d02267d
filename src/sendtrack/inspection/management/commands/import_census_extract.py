"""sendtrack import-census-extract FILE.csv [--area CODE]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendtrack.casework.management.commands._area import find_area
from sendtrack.inspection.census import COLUMNS, CensusExtractError
from sendtrack.inspection.services import import_census_extract


class Command(BaseCommand):
    help = "Import school census and social care figures for the inspection lists (all rows or none)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file", help=f"a CSV file with the columns: {', '.join(COLUMNS)}")
        parser.add_argument("--area", help="the local area's DfE code or name")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        area = find_area(options["area"])
        try:
            text = Path(options["file"]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        try:
            count = import_census_extract(area=area, by=None, text=text)
        except CensusExtractError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(error.problems)} problem(s) found; nothing was imported") from error
        self.stdout.write(f"Imported {count} rows of census figures for {area.name}.")
