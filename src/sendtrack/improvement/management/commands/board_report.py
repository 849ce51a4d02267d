from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sendtrack.improvement.board_report_renderer import FORMATS, render_board_report
from sendtrack.improvement.management.commands._plan_lookup import (
    PlanCommandError,
    add_plan_arguments,
    chosen_plan,
)
from sendtrack.improvement.selectors import meetings_for


class Command(BaseCommand):
    help = "Write the board report on a plan for a meeting, as Word (docx) or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        add_plan_arguments(parser)
        parser.add_argument("--meeting", required=True, help="The meeting's date, YYYY-MM-DD")
        parser.add_argument("--format", choices=FORMATS, default="docx")
        parser.add_argument("--output", "-o", help="File to write (default: a name from the plan and date)")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = chosen_plan(options)
        try:
            held_on = dt.date.fromisoformat(str(options["meeting"]))
        except ValueError as error:
            raise PlanCommandError(
                f"--meeting must be a date like 2019-06-03, not {options['meeting']!r}"
            ) from error
        meeting = meetings_for(plan).filter(held_on=held_on).first()
        if meeting is None:
            raise PlanCommandError(f"No board meeting on {held_on.isoformat()} in {plan.local_area.name}")
        content, filename, _ = render_board_report(
            plan=plan, meeting=meeting, file_format=str(options["format"])
        )
        output = Path(str(options.get("output") or filename))
        output.write_bytes(content)
        self.stdout.write(f"Wrote the board report for {meeting} to {output}")
