"""`sendtrack export-sen2`: write a local area's SEN2 person-level return as XML.

A return with errors is not written: the command lists them (rule, child, field, fix) and exits 1.
`--draft` writes it anyway, marked as a draft in a comment at its top and in its file name.
Queries (things COLLECT may ask the council to explain) are listed and do not block.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.command_options import add_area_option, chosen_area
from sendtrack.performance.sen2_renderer import CaseIssue, ReturnReport, write_return

OFFICER_CODES = ("Y", "N", "R")
SHOWN = 200


def file_name(area_code: str, year: int, *, draft: bool) -> str:
    return f"SEN2_{area_code}_{year}{'_DRAFT' if draft else ''}.xml"


def issue_line(item: CaseIssue) -> str:
    rule = item.issue.rule
    return (
        f"{rule.code} {rule.severity}: child {item.case_ref}; field {', '.join(rule.fields)}; "
        f"{rule.message} ({item.issue.detail}); fix: {rule.fix}"
    )


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

    def handle(self, *args: object, **options: object) -> None:
        try:
            census = date.fromisoformat(str(options["census_date"]))
        except ValueError:
            raise CommandError("--census-date must be a date in the form YYYY-MM-DD") from None
        area = chosen_area(options["area"])  # type: ignore[arg-type]
        header = {}
        for officer in ("dmo", "dco", "dsco"):
            if options[officer]:
                header[officer] = str(options[officer])
            else:
                self.stderr.write(f"--{officer} not given: the return says Y; check it before submitting")
        draft = bool(options["draft"])
        buffer = io.StringIO()
        report = write_return(area=area, census_date=census, out=buffer, draft=draft, **header)
        self._list(report)
        if report.errors and not draft:
            raise CommandError(
                f"Not written: the return has {len(report.errors)} errors (listed above). Fix them, "
                "or write a draft with --draft",
                returncode=1,
            )
        if not report.errors and draft:
            buffer = io.StringIO()
            report = write_return(area=area, census_date=census, out=buffer, draft=False, **header)
            draft = False
        target = str(options["output"] or file_name(area.code, census.year, draft=draft))
        if target == "-":
            self.stdout.write(buffer.getvalue(), ending="")
        else:
            path = Path(target)
            if draft and "DRAFT" not in path.name.upper():
                path = path.with_name(f"{path.stem}_DRAFT{path.suffix or '.xml'}")
            path.write_text(buffer.getvalue(), encoding="utf-8")
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
