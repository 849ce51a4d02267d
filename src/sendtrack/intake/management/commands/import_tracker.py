"""sendtrack import-tracker FILE.xlsx|csv --mapping MAPPING.json [--dry-run] [--area CODE] [--sheet NAME]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.command_options import add_area_option, chosen_area
from sendtrack.intake.services.runs import run_tracker_import
from sendtrack.interchange.tracker_mapping import FIELDS, guess_mapping
from sendtrack.interchange.tracker_sheets import UnreadableSheet, read_tracker


class Command(BaseCommand):
    help = "Import a council's spreadsheet tracker through a column mapping: all or nothing, bad rows named."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the tracker, .xlsx or .csv")
        parser.add_argument(
            "--mapping",
            required=True,
            help="JSON file mapping sendtrack's fields to the tracker's columns; when it does "
            "not exist, the best guess is written there for you to check",
        )
        add_area_option(parser, left_out="the only local area")
        parser.add_argument("--sheet", help="the sheet's name (default: the first visible sheet)")
        parser.add_argument("--dry-run", action="store_true", help="check and count, store nothing")
        parser.add_argument(
            "--json", action="store_true", help="print the reconciliation (what came in) as JSON"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        area = chosen_area(options["area"])
        path, mapping_path = Path(options["file"]), Path(options["mapping"])
        try:
            sheet = read_tracker(path.read_bytes(), path.name, options["sheet"])
        except (OSError, UnreadableSheet) as error:
            raise CommandError(f"{path}: {error}") from error
        if not mapping_path.exists():
            guess = guess_mapping(sheet)
            mapping_path.write_text(json.dumps(guess, indent=2), encoding="utf-8")
            for field_name, column in guess.items():
                self.stdout.write(f"{FIELDS[field_name][0]}: '{column}'")
            raise CommandError(f"Check the mapping written to {mapping_path}, then run the command again")
        try:
            mapping = json.loads(mapping_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"{mapping_path}: not a JSON mapping ({error})") from error
        done = run_tracker_import(
            sheet, mapping=mapping, file_name=path.name, area=area, dry_run=options["dry_run"]
        )
        report = done.result
        if options["json"]:
            self.stdout.write(json.dumps(done.report, indent=2))
        for message in report.errors:
            self.stderr.write(message)
        if not report.ok:
            raise CommandError(report.summary())
        if not options["json"]:
            self.stdout.write(report.summary() + ".")
