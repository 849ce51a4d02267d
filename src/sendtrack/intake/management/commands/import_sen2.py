"""sendtrack import-sen2 FILE.xml [--area CODE] [--dry-run] [--json]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.command_options import add_area_option, chosen_area
from sendtrack.intake.services.runs import run_sen2_import


class Command(BaseCommand):
    help = (
        "Bring in a SEN2 return (XML): persons, requests, assessments, plans, reviews and cessations "
        "as case events; children already held are matched, never duplicated; all or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the SEN2 return, .xml")
        add_area_option(parser, left_out="the only local area")
        parser.add_argument("--dry-run", action="store_true", help="check and count, store nothing")
        parser.add_argument(
            "--json", action="store_true", help="print the reconciliation (what came in) as JSON"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        area = chosen_area(options["area"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        done = run_sen2_import(path, file_name=path.name, area=area, dry_run=options["dry_run"])
        report = done.result.report
        if options["json"]:
            self.stdout.write(json.dumps(done.report, indent=2))
        for problem in report.errors:
            self.stderr.write(str(problem))
        if not report.ok:
            raise CommandError(report.summary())
        if not options["json"]:
            self.stdout.write(report.summary())
            if done.run is not None:
                self.stdout.write(f"What came in: /intake/imports/{done.run.pk}/")
