from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from sendtrack.core.backups import BackupError, restore_database


class Command(BaseCommand):
    help = "Restore the whole database from a file written by `sendtrack backup`, replacing what is there."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="A backup written by `sendtrack backup`")
        parser.add_argument(
            "--database-url",
            help="Restore into this database instead of the configured one (best: a new, empty database)",
        )
        parser.add_argument("--yes", action="store_true", help="Do not ask before replacing the data")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["file"]
        if not source.is_file():
            raise CommandError(f"There is no backup file at {source}")
        target = options["database_url"] or connections["default"].settings_dict["NAME"]
        if not options["yes"]:
            answer = input(f"This replaces everything in {target} with {source}. Type yes to carry on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored")
        try:
            summary = restore_database(source=source, database_url=options["database_url"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {summary.tables} tables ({summary.rows:,} rows) from {source}")
