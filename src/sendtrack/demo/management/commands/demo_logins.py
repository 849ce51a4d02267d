from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from sendtrack.demo.people import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Print the demo accounts, one per role, and their development password."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = demo_logins()
        if not rows:
            self.stdout.write("There are no demo accounts. Run `sendtrack demo-data` first.")
            return
        self.stdout.write("\nsendtrack is starting on http://127.0.0.1:8000\n")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        width = max(len(role) for role, _, _ in rows) + 2
        for role, organisation, email in rows:
            self.stdout.write(f"  {role.ljust(width)}{email}  ({organisation})")
        if settings.MFA_DEV_BYPASS:
            self.stdout.write("Multi-factor sign-in is skipped for development; production always asks.\n")
