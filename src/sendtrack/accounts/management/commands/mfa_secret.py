from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.accounts import mfa
from sendtrack.accounts.models import User


class Command(BaseCommand):
    help = "Give a development account an authenticator app secret, so you can try real multi-factor sign-in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The account's email, e.g. caseworker@demo.sendtrack.invalid")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("In production everyone sets up their own authenticator app at first sign-in.")
        email = str(options["email"]).strip().lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            raise CommandError(f"There is no account for {email}. Try `sendtrack demo-logins`.")
        device = mfa.give_authenticator(user=user)
        codes = mfa.replace_backup_codes(user=user)
        self.stdout.write(f"Authenticator app secret for {email}:\n")
        self.stdout.write(f"  {mfa.secret_in_text(device)}\n")
        self.stdout.write(f"Or open this address with the app: {device.config_url}\n")
        self.stdout.write(f"Backup codes (each works once): {', '.join(codes)}\n")
        if settings.MFA_DEV_BYPASS:
            self.stdout.write(
                "Development skips the code step; to be asked for it, start sendtrack with "
                "SENDTRACK_DEV_SKIP_MFA=false."
            )
