"""`sendtrack import-high-needs`: import high needs funding and spend from CSV or Excel."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.accounts.models import LocalArea
from sendtrack.performance.services.imports import import_high_needs


class Command(BaseCommand):
    help = "Import high needs funding and spend by financial year from .csv or .xlsx"
    help += "; nothing is stored if any row has a problem."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the .csv or .xlsx file")
        parser.add_argument("--area", required=True, help="DfE code of the local area")
        parser.add_argument("--dry-run", action="store_true", help="check the file without storing anything")

    def handle(self, *args: object, **options: object) -> None:
        area = LocalArea.objects.filter(code=options["area"]).first()
        if area is None:
            raise CommandError(f"There is no local area with code {options['area']}")
        path = Path(str(options["file"]))
        if not path.is_file():
            raise CommandError(f"There is no file {path}")
        with path.open("rb") as file:
            report = import_high_needs(
                area=area, file=file, filename=path.name, dry_run=bool(options["dry_run"])
            )
        for line in report.errors:
            self.stderr.write(line)
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
