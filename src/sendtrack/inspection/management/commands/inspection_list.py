"""sendtrack inspection-list 1|2 --as-of DATE [--area CODE] [--format csv|xlsx] [--output FILE]"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.command_options import add_area_option, add_as_of_option, as_of_option, chosen_area
from sendtrack.inspection.person_lists import person_list
from sendtrack.inspection.writers import write


class Command(BaseCommand):
    help = "Write List 1 (EHC plans) or List 2 (SEN support) of the inspection information request."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "list", nargs="?", choices=["1", "2"], default="1", help="1: EHC plans (left out); 2: SEN support"
        )
        add_as_of_option(parser, what="the notification date")
        add_area_option(parser)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="file to write (default: standard output, csv only)")

    def handle(self, *args: Any, **options: Any) -> None:
        area = chosen_area(options["area"])
        as_of = as_of_option(options["as_of"])
        if options["format"] == "xlsx" and not options["output"]:
            raise CommandError("An xlsx list must be written to a file: add --output FILE")
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
