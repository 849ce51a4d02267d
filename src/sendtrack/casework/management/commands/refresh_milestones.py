"""sendtrack refresh-milestones [--area CODE]"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from sendtrack.casework.management.commands._area import find_area
from sendtrack.casework.models import Case
from sendtrack.casework.services import refresh_area


class Command(BaseCommand):
    help = "Work out every case's milestones again from its events (safe to run any number of times)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--area", help="the local area's DfE code or name; every area when left out")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        cases = Case.objects.all()
        if options["area"]:
            cases = cases.filter(local_area=find_area(options["area"]))
        refreshed, moved = refresh_area(cases=cases)
        self.stdout.write(f"Refreshed {refreshed} cases; {moved} milestones moved.")
