"""sendtrack retention [--area CODE] [--as-of YYYY-MM-DD] [--dry-run]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sendtrack.command_options import add_area_option, add_as_of_option, as_of_option, chosen_area_or_every
from sendtrack.core.retention import apply_retention


class Command(BaseCommand):
    help = "Erase records past their retention period (a person's: their 31st birthday), except held ones."

    def add_arguments(self, parser: CommandParser) -> None:
        add_area_option(parser, left_out="every area")
        add_as_of_option(parser, what="the day to judge retention on")
        parser.add_argument("--dry-run", action="store_true", help="list what would go; change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        area = chosen_area_or_every(options["area"])
        as_of = as_of_option(options["as_of"])
        report = apply_retention(as_of=as_of, area=area, dry_run=options["dry_run"])
        verb = "Would erase" if options["dry_run"] else "Erased"
        for case_ref in report.case_refs:
            self.stdout.write(f"{verb} case {case_ref}")
        self.stdout.write(
            f"{verb} {len(report.persons)} persons ({len(report.case_refs)} cases) and "
            f"{report.family_notifications} family emails; {report.held} kept under a legal hold; "
            f"{report.no_date_of_birth} without a date of birth not judged."
        )
        if report.rows_deleted:
            counts = ", ".join(f"{n} {name}" for name, n in sorted(report.rows_deleted.items()))
            self.stdout.write(f"Deleted rows: {counts}.")
