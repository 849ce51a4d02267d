from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sendtrack.improvement.management.commands._plan_lookup import (
    PlanCommandError,
    add_plan_arguments,
    area_from,
)
from sendtrack.improvement.models import PlanKind
from sendtrack.improvement.services.imports import import_plan_file


class Command(BaseCommand):
    help = "Import an improvement plan from its spreadsheet (xlsx or CSV), all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The plan spreadsheet, .xlsx or .csv")
        add_plan_arguments(parser, plan_help="The plan's name; an existing plan is updated by ref")
        parser.add_argument(
            "--kind",
            choices=PlanKind.values,
            default=PlanKind.IMPROVEMENT_PLAN,
            help="The kind of plan, for a new plan",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change and write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(str(options["file"]))
        if not path.is_file():
            raise PlanCommandError(f"No such file: {path}")
        area = area_from(options)
        with path.open("rb") as file:
            report = import_plan_file(
                area=area,
                plan_name=str(options["plan"]),
                file=file,
                filename=path.name,
                dry_run=bool(options["dry_run"]),
                plan_kind=str(options["kind"]),
            )
        for warning in report.warnings:
            self.stderr.write(f"Warning: {warning}")
        for error in report.errors:
            self.stderr.write(f"Error: {error}")
        if not report.ok:
            raise PlanCommandError(f"{len(report.errors)} errors: nothing was written")
        self.stdout.write(report.summary() + (" Nothing was written (dry run)." if report.dry_run else ""))
