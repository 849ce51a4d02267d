"""sendtrack inspection-list 1|2 --as-of DATE [--area CODE] [--format csv|xlsx] [--output FILE]"""

from __future__ import annotations

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from sendtrack.casework.management.commands._area import find_area
from sendtrack.inspection.person_lists import person_list
from sendtrack.inspection.writers import write


class Command(BaseCommand):
    help = "Write List 1 (EHC plans) or List 2 (SEN support) of the inspection information request."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("list", choices=["1", "2"], help="1: EHC plans; 2: SEN support")
        parser.add_argument("--as-of", required=True, help="the notification date, YYYY-MM-DD")
        parser.add_argument("--area", help="the local area's DfE code or name")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="file to write (default: standard output, csv only)")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            as_of = date.fromisoformat(options["as_of"])
        except ValueError as error:
            raise CommandError(
                f"--as-of {options['as_of']!r} is not a date in the form YYYY-MM-DD"
            ) from error
        if options["format"] == "xlsx" and not options["output"]:
            raise CommandError("An xlsx list must be written to a file: add --output FILE")
        area = find_area(options["area"])
        built = person_list(area=area, as_of=as_of, number=int(options["list"]))
        data = write(built, options["format"])
        if options["output"]:
            with open(options["output"], "wb") as out:
                out.write(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        errors = len(built.errors)
        self.stderr.write(
            f"List {built.number} for {area.name} on {as_of.isoformat()}: {len(built.rows)} rows, "
            f"{errors} validation error{'s' if errors != 1 else ''}, {len(built.issues) - errors} queries."
        )
