"""sendtrack import-cases FILE.jsonl [--area CODE] [--dry-run]"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.casework.services import import_cases
from sendtrack.command_options import add_area_option, chosen_area


class Command(BaseCommand):
    help = "Import case files (JSON Lines, one case a line): all or nothing, every bad line reported."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a .jsonl file of cases, or - for standard input")
        add_area_option(parser, left_out="the only local area, created if there is none")
        parser.add_argument("--dry-run", action="store_true", help="check and count, store nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        try:
            handle = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        with handle:
            area = chosen_area(options["area"], new_if_none=True)
            lines = handle
            if self.stdout.isatty():
                from tqdm import tqdm

                lines = tqdm(handle, unit=" cases", desc="Importing")
            report = import_cases(lines, area=area, dry_run=options["dry_run"])
        for problem in report.errors:
            self.stderr.write(problem)
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
