from django.core.management.base import BaseCommand, CommandParser

from sendtrack.accounts.models import LocalArea
from sendtrack.demo.people import ensure_demo_people


class Command(BaseCommand):
    help = "Create a demo local area with its organisations and a user for every role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", default="Northbridge", help="The demo local area's name.")
        parser.add_argument("--code", default="999", help="Its DfE local authority code.")
        parser.add_argument("--children", type=int, default=3000, help="How many children to generate.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same area.")
        parser.add_argument("--as-of", default=None, help="The date the demo is as of (YYYY-MM-DD).")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any local area exists.")

    def handle(self, *args: object, **options: object) -> None:
        if options["if_empty"] and LocalArea.objects.exists():
            self.stdout.write("The database already holds a local area; demo data not loaded.")
            return
        area, organisations = ensure_demo_people(area_name=str(options["area"]), area_code=str(options["code"]))
        self.stdout.write(f"Created the demo local area {area.name} with {len(organisations)} organisations.")
