"""sendtrack retention [--area CODE] [--as-of YYYY-MM-DD] [--dry-run]"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.core.retention import apply_retention


class Command(BaseCommand):
    help = "Erase records past their retention period (a person's: their 31st birthday), except held ones."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--area", help="the local area's DfE code or name (default: every area)")
        parser.add_argument("--as-of", help="the day to judge retention on (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="list what would go; change nothing")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        area = None
        if options["area"]:
            area = (
                LocalArea.objects.filter(code=options["area"]).first()
                or LocalArea.objects.filter(name__iexact=options["area"]).first()
            )
            if area is None:
                raise CommandError(f"No local area has the code or name {options['area']!r}")
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else timezone.localdate()
        except ValueError as error:
            raise CommandError("Give --as-of as YYYY-MM-DD") from error
        report = apply_retention(as_of=as_of, area=area, dry_run=options["dry_run"])
        verb = "Would erase" if options["dry_run"] else "Erased"
        for case_ref in report.case_refs:
            self.stdout.write(f"{verb} case {case_ref}")
        self.stdout.write(
            f"{verb} {len(report.persons)} persons ({len(report.case_refs)} cases) and "
            f"{report.family_notifications} family emails; {report.held} kept under a legal hold; "
            f"{report.no_date_of_birth} without a date of birth not judged."
        )
        if report.rows_deleted:
            counts = ", ".join(f"{n} {name}" for name, n in sorted(report.rows_deleted.items()))
            self.stdout.write(f"Deleted rows: {counts}.")
