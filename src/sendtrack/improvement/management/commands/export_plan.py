from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sendtrack.improvement.management.commands._plan_lookup import add_plan_arguments, chosen_plan
from sendtrack.improvement.renderers import FORMATS, export_plan


class Command(BaseCommand):
    help = (
        "Export an improvement plan in the spreadsheet's canonical columns (xlsx adds the progress history)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_plan_arguments(parser)
        parser.add_argument("--format", choices=FORMATS, default="xlsx")
        parser.add_argument(
            "--output", "-o", help="File to write (default: the plan's name in this folder; - for stdout)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plan = chosen_plan(options)
        exported = export_plan(plan=plan, file_format=str(options["format"]))
        output = options.get("output") or exported.filename
        if output == "-":
            sys.stdout.buffer.write(exported.content)
            return
        Path(str(output)).write_bytes(exported.content)
        self.stdout.write(f"Exported {plan.actions.count()} actions of {plan.name} to {output}")
