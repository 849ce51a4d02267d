"""`sendtrack check-plan FILE.docx`: read a Word EHC plan, store nothing, print each quality finding."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.command_options import add_as_of_option, as_of_option
from sendtrack.ehcplan.checks import CouncilStandards, check_plan
from sendtrack.ehcplan.word import UnreadablePlan, read_docx


class Command(BaseCommand):
    help = "Check a Word EHC plan for quality (sections, golden thread, specificity); stores nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The plan as a Word (.docx) file.")
        parser.add_argument(
            "--year-group", type=int, help="The child's year group, if the plan does not say."
        )
        add_as_of_option(parser, what="the date to check the plan as on")
        parser.add_argument("--standards", help="A JSON file of the council's own standards.")
        parser.add_argument("--json", action="store_true", help="Print the findings as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            plan, report = read_docx(Path(options["file"]).read_bytes())
            standards = (
                CouncilStandards.from_dict(json.loads(Path(options["standards"]).read_text(encoding="utf-8")))
                if options["standards"]
                else None
            )
        except (OSError, UnreadablePlan, ValueError) as error:
            raise CommandError(f"{options['file']}: {error}", returncode=2) from error
        if options["year_group"] is not None:
            plan.year_group = options["year_group"]
        findings = check_plan(plan, as_of_option(options["as_of"]), standards)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "recognised": report.recognised,
                        "not_recognised": report.not_recognised,
                        "findings": [asdict(f) for f in findings],
                    },
                    indent=2,
                )
            )
            return
        for line in report.not_recognised:
            self.stdout.write(f"Not recognised: {line}")
        for f in findings:
            self.stdout.write(f"{f.check}\tSection {f.section}\t{f.words}\t{f.source}")
        self.stdout.write(
            f"{len(findings)} finding(s) in {len(report.recognised)} recognised part(s) of the plan."
        )
