"""Where messages go: GOV.UK Notify in production, Django's email backend (the console) in development.

Notify sends what a template in the council's Notify account says, filled from personalisation
fields (docs/deploy.md lists them). The email backend sends the same subject and body as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail


@dataclass(frozen=True)
class Message:
    kind: str
    subject: str
    body: str
    email: str = ""
    address_lines: tuple[str, ...] = ()
    fields: dict[str, Any] = field(default_factory=dict)
    reference: str = ""
    # True when the family may answer: the email carries the service's reply-to address.
    reply_to: bool = False

    def personalisation(self) -> dict[str, Any]:
        values = {"subject": self.subject, "body": self.body, **self.fields}
        for number, line in enumerate(self.address_lines[:7], start=1):
            values[f"address_line_{number}"] = line
        return values


class Undeliverable(Exception):
    def __init__(self, reason: str, status_code: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status_code = status_code


def deliver(message: Message) -> str:
    """Send the message; return the sending service's id for it, or raise Undeliverable."""
    if settings.NOTIFY_API_KEY:
        return _notify(message)
    if not message.email:
        raise Undeliverable("Letters are sent only through GOV.UK Notify: set NOTIFY_API_KEY")
    send_mail(message.subject, message.body, None, [message.email])
    return ""


def _notify(message: Message) -> str:
    from notifications_python_client.errors import APIError
    from notifications_python_client.notifications import NotificationsAPIClient

    # A Notify template is an email's or a letter's: a kind sent both ways has one of each.
    template_key = message.kind
    if message.email and f"{message.kind}_email" in settings.NOTIFY_TEMPLATES:
        template_key = f"{message.kind}_email"
    template_id = settings.NOTIFY_TEMPLATES.get(template_key, "")
    if not template_id:
        raise Undeliverable(
            f"No GOV.UK Notify template is set for {template_key} (NOTIFY_TEMPLATE_{template_key.upper()})"
        )
    client = NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=20)
    try:
        if message.email:
            answer = client.send_email_notification(
                email_address=message.email,
                template_id=template_id,
                personalisation=message.personalisation(),
                reference=message.reference or None,
                email_reply_to_id=(message.reply_to and settings.NOTIFY_EMAIL_REPLY_TO_ID) or None,
            )
        else:
            answer = client.send_letter_notification(
                template_id=template_id,
                personalisation=message.personalisation(),
                reference=message.reference or None,
            )
    except APIError as error:
        raise Undeliverable(_reason(error.message), getattr(error, "status_code", None)) from error
    return str(answer.get("id", ""))


def _reason(message: object) -> str:
    """Notify answers {"errors": [{"error": "ValidationError", "message": "..."}]}: keep the messages."""
    if isinstance(message, list):
        return "; ".join(
            str(item.get("message", item)) if isinstance(item, dict) else str(item) for item in message
        )
    return str(message)
