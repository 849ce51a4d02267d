"""Email families what has changed.

`sendtrack send-family-updates [--as-of DATE] [--area CODE] [--dry-run]`
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.portal.services.notifications import send_family_updates


class Command(BaseCommand):
    help = (
        "Email each family member about completed and late steps, and after 4 quiet weeks. Safe to run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", help="the day to judge from, YYYY-MM-DD (default: today)")
        parser.add_argument("--area", help="only this local area (DfE code)")
        parser.add_argument("--dry-run", action="store_true", help="count the emails without sending them")

    def handle(self, *args: object, **options: object) -> None:
        try:
            as_of = dt.date.fromisoformat(str(options["as_of"])) if options["as_of"] else timezone.localdate()
        except ValueError as error:
            raise CommandError("--as-of must be a date like 2026-03-16") from error
        area = None
        if options["area"]:
            area = LocalArea.objects.filter(code=options["area"]).first()
            if area is None:
                raise CommandError(f"No local area has the code {options['area']}")
        counts = send_family_updates(as_of=as_of, area=area, dry_run=bool(options["dry_run"]))
        verb = "Would send" if options["dry_run"] else "Sent"
        self.stdout.write(
            f"{verb} {counts.total} emails: {counts.milestone_completed} steps completed, "
            f"{counts.milestone_overdue} steps late, {counts.no_change} with no change"
        )
