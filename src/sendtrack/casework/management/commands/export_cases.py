"""sendtrack export-cases [--area CODE] > FILE.jsonl"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Prefetch

from sendtrack.casework.case_file_selectors import case_file_dict
from sendtrack.casework.models import Case, CaseEvent
from sendtrack.command_options import add_area_option, chosen_area
from sendtrack.interchange.case_files import dump_case


class Command(BaseCommand):
    help = "Write every case of a local area as JSON Lines, in the format import-cases reads."

    def add_arguments(self, parser: CommandParser) -> None:
        add_area_option(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        area = chosen_area(options["area"])
        current = (
            CaseEvent.objects.filter(corrections__isnull=True)
            .exclude(type=CaseEvent.REMOVED)
            .order_by("position", "pk")
        )
        cases = (
            Case.objects.filter(local_area=area)
            .select_related("person")
            .prefetch_related(Prefetch("events", queryset=current, to_attr="current_events"))
            .order_by("case_ref")
        )
        count = 0
        for case in cases.iterator(chunk_size=1000):
            self.stdout.write(dump_case(case_file_dict(case, case.current_events)))
            count += 1
        self.stderr.write(f"Exported {count} cases from {area.name}.")
