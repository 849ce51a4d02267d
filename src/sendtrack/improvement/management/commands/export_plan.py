from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sendtrack.improvement.management.commands._plan_lookup import add_area_argument, area_from, plan_from
from sendtrack.improvement.renderers import FORMATS, export_plan


class Command(BaseCommand):
    help = (
        "Export an improvement plan in the spreadsheet's canonical columns (xlsx adds the progress history)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="The plan's name")
        parser.add_argument("--format", choices=FORMATS, default="xlsx")
        parser.add_argument(
            "--output", "-o", help="File to write (default: the plan's name in this folder; - for stdout)"
        )
        add_area_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        plan = plan_from(area_from(options), str(options["plan"]))
        exported = export_plan(plan=plan, file_format=str(options["format"]))
        output = options.get("output") or exported.filename
        if output == "-":
            sys.stdout.buffer.write(exported.content)
            return
        Path(str(output)).write_bytes(exported.content)
        self.stdout.write(f"Exported {plan.actions.count()} actions of {plan.name} to {output}")
