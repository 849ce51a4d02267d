"""sendtrack refresh-milestones [--area CODE]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sendtrack.casework.models import Case
from sendtrack.casework.services import refresh_area
from sendtrack.command_options import add_area_option, chosen_area_or_every


class Command(BaseCommand):
    help = "Work out every case's milestones again from its events (safe to run any number of times)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_area_option(parser, left_out="every area")

    def handle(self, *args: Any, **options: Any) -> None:
        area = chosen_area_or_every(options["area"])
        cases = Case.objects.all() if area is None else Case.objects.filter(local_area=area)
        refreshed, moved = refresh_area(cases=cases)
        self.stdout.write(f"Refreshed {refreshed} cases; {moved} milestones moved.")
