from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.utils import timezone

from sendtrack.core.backups import BackupError, backup_database, backup_file_name


class Command(BaseCommand):
    help = "Back up the whole database to a file (pg_dump on PostgreSQL, the backup API on SQLite)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="The file to write, which must not exist (default: var/backups/sendtrack-DATE-TIME.*)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        destination: Path = options["output"] or (
            Path(settings.VAR_DIR)
            / "backups"
            / backup_file_name(now=timezone.localtime(), vendor=connections["default"].vendor)
        )
        if destination.exists():
            raise CommandError(f"{destination} already exists: choose another file")
        try:
            summary = backup_database(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up {summary.tables} tables ({summary.rows:,} rows) to {summary.path}")
        self.stdout.write("The file holds children's records: keep it encrypted and delete it on time")
