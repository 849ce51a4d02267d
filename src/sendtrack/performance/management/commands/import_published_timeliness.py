"""`sendtrack import-published-timeliness FILE.csv`: the DfE's published 20-week figures of an area."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.command_options import add_area_option, chosen_area
from sendtrack.performance.services.published import import_published_timeliness


class Command(BaseCommand):
    help = (
        "Read the DfE's published timeliness_20_week.csv and keep the rows of the area's old_la_code "
        "and England's, to show beside sendtrack's own figures; nothing is stored if any row has a problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="timeliness_20_week.csv from explore-education-statistics")
        add_area_option(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        area = chosen_area(options["area"])
        path = Path(str(options["file"]))
        if not path.is_file():
            raise CommandError(f"There is no file {path}")
        try:
            with path.open(encoding="utf-8-sig", newline="") as file:
                report = import_published_timeliness(area=area, lines=file, filename=path.name)
        except UnicodeDecodeError:
            raise CommandError(f"{path.name} is not a CSV file in UTF-8: nothing imported") from None
        for line in report.errors:
            self.stderr.write(line)
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
