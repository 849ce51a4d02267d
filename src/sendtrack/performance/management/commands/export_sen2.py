"""`sendtrack export-sen2`: write a local area's SEN2 person-level return as XML.

A return with errors is not written: the command lists them (rule, child, field, fix) and exits 1.
`--draft` writes it anyway, marked as a draft in a comment at its top and in its file name.
Queries (things COLLECT may ask the council to explain) are listed and do not block.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.command_options import add_area_option, chosen_area
from sendtrack.performance.sen2_export import export_return, issue_line
from sendtrack.performance.sen2_renderer import ReturnReport

OFFICER_CODES = ("Y", "N", "R")
SHOWN = 200


class Command(BaseCommand):
    help = "Write the DfE SEN2 person-level return (XML) of a local area; refuse one with errors."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--census-date", dest="census_date", required=True, help="census day, YYYY-MM-DD")
        add_area_option(parser)
        parser.add_argument(
            "--output",
            help="file to write (default SEN2_<LA>_<year>.xml, or _DRAFT.xml for a draft; - for stdout)",
        )
        parser.add_argument(
            "--draft", action="store_true", help="write the return even with errors, marked as a draft"
        )
        for officer, words in (
            ("dmo", "designated medical officer"),
            ("dco", "designated clinical officer"),
            ("dsco", "designated social care officer"),
        ):
            parser.add_argument(
                f"--{officer}",
                choices=OFFICER_CODES,
                help=f"is there a {words} in post: Y, N or R (recruiting)",
            )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            census = date.fromisoformat(str(options["census_date"]))
        except ValueError:
            raise CommandError("--census-date must be a date in the form YYYY-MM-DD") from None
        area = chosen_area(options["area"])
        header = {}
        for officer in ("dmo", "dco", "dsco"):
            if options[officer]:
                header[officer] = str(options[officer])
            else:
                self.stderr.write(f"--{officer} not given: the return says Y; check it before submitting")
        result = export_return(area=area, census_date=census, draft=bool(options["draft"]), **header)
        report = result.report
        self._list(report)
        if not result.written:
            raise CommandError(
                f"Not written: the return has {len(report.errors)} errors (listed above). Fix them, "
                "or write a draft with --draft",
                returncode=1,
            )
        draft = result.draft
        target = str(options["output"] or result.file_name)
        if target == "-":
            self.stdout.write(result.content, ending="")
        else:
            path = Path(target)
            if draft and "DRAFT" not in path.name.upper():
                path = path.with_name(f"{path.stem}_DRAFT{path.suffix or '.xml'}")
            path.write_text(result.content, encoding="utf-8")
            target = str(path)
        kind = "a DRAFT return" if draft else "the return"
        self.stderr.write(
            f"Wrote {kind} of {report.persons} persons for {area.name} (census {census.isoformat()}) "
            f"to {'standard output' if target == '-' else target}: {len(report.errors)} errors, "
            f"{len(report.queries)} queries"
        )

    def _list(self, report: ReturnReport) -> None:
        for item in report.errors[:SHOWN]:
            self.stderr.write(issue_line(item))
        if len(report.errors) > SHOWN:
            self.stderr.write(f"... and {len(report.errors) - SHOWN} more errors")
        for code, count in report.queries_by_rule().items():
            self.stderr.write(f"{code} query: {count} (listed on the SEN2 problems page)")
