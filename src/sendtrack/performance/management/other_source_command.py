"""The one shape of every `sendtrack import-...` command for the other data sources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.accounts.models import LocalArea

NOTHING_STORED = "; nothing is stored if any row has a problem."


class OtherSourceImportCommand(BaseCommand):
    """Subclasses name `importer`, a service taking area, file, filename and dry_run."""

    importer: Callable[..., Any]

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
            report = type(self).importer(
                area=area, file=file, filename=path.name, dry_run=bool(options["dry_run"])
            )
        for line in report.errors:
            self.stderr.write(line)
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
