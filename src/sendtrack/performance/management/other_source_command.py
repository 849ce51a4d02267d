"""The one shape of every `sendtrack import-...` command for the other data sources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.command_options import add_area_option, named_area

NOTHING_STORED = "; nothing is stored if any row has a problem."


class OtherSourceImportCommand(BaseCommand):
    """Subclasses name `importer`, a service taking area, file, filename and dry_run."""

    importer: Callable[..., Any]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the .csv or .xlsx file")
        add_area_option(parser, required=True)
        parser.add_argument("--dry-run", action="store_true", help="check the file without storing anything")

    def handle(self, *args: Any, **options: Any) -> None:
        area = named_area(str(options["area"]))
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
