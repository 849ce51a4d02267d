"""sendtrack import-documents FOLDER --index INDEX.csv [--area CODE] [--dry-run]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.command_options import add_area_option, chosen_area
from sendtrack.documents.services import import_documents


class Command(BaseCommand):
    help = (
        "Load a folder of documents laid out as CASE_REF/anything.pdf, with an index CSV of each "
        "file's path, type and date: all or nothing, every bad row named."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "folder", help="the folder holding one folder a case, named by its case reference"
        )
        parser.add_argument(
            "--index",
            required=True,
            help="CSV with the columns file (path inside the folder), type and date; optional title, "
            "agency (for advice) and shared (yes/no)",
        )
        add_area_option(parser)
        parser.add_argument("--dry-run", action="store_true", help="check and count, store nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        area = chosen_area(options["area"])
        folder, index = Path(options["folder"]), Path(options["index"])
        if not folder.is_dir():
            raise CommandError(f"There is no folder {folder}")
        if not index.is_file():
            raise CommandError(f"There is no index file {index}")
        try:
            with index.open(encoding="utf-8-sig", newline="") as lines:
                report = import_documents(
                    folder=folder,
                    index=lines,
                    area=area,
                    dry_run=options["dry_run"],
                    max_bytes=settings.DOCUMENT_MAX_BYTES,
                )
        except UnicodeDecodeError:
            raise CommandError(f"{index.name} is not a CSV file in UTF-8: nothing imported") from None
        for line in report.errors:
            self.stderr.write(line)
        for line in report.warnings:
            self.stderr.write(f"Warning: {line}")
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
