"""Email families what has changed.

`sendtrack send-family-updates [--as-of DATE] [--area CODE] [--dry-run]`
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sendtrack.command_options import add_area_option, add_as_of_option, as_of_option, chosen_area_or_every
from sendtrack.portal.services.notifications import send_family_updates


class Command(BaseCommand):
    help = (
        "Email each family member about completed and late steps, and after 4 quiet weeks. Safe to run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_as_of_option(parser, what="the day to judge from")
        add_area_option(parser, left_out="every area")
        parser.add_argument("--dry-run", action="store_true", help="count the emails without sending them")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = as_of_option(options["as_of"])
        area = chosen_area_or_every(options["area"])
        counts = send_family_updates(as_of=as_of, area=area, dry_run=bool(options["dry_run"]))
        verb = "Would send" if options["dry_run"] else "Sent"
        self.stdout.write(
            f"{verb} {counts.total} emails: {counts.milestone_completed} steps completed, "
            f"{counts.milestone_overdue} steps late, {counts.no_change} with no change"
        )
