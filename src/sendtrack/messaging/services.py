"""Sending a message, and never losing one the sending service refuses."""

from __future__ import annotations

import logging

from django.db import transaction

from sendtrack.accounts.models import LocalArea, User
from sendtrack.messaging.backends import Message, Undeliverable, deliver
from sendtrack.messaging.models import UndeliveredMessage

log = logging.getLogger("sendtrack.messages")


def send_message(message: Message, *, user: User | None = None, area: LocalArea | None = None) -> bool:
    """Send now; if refused, log why (without the address) and keep it for staff. True when sent."""
    return send_or_keep(message, user=user, area=area) is None


def send_or_keep(
    message: Message, *, user: User | None = None, area: LocalArea | None = None
) -> UndeliveredMessage | None:
    """Send now; if refused, log why (without the address) and return the message kept for staff."""
    try:
        deliver(message)
    except Undeliverable as refusal:
        log.warning(
            "message not delivered: %s",
            refusal.reason,
            extra={"notification_kind": message.kind, "notify_status": refusal.status_code},
        )
        return UndeliveredMessage.objects.create(
            kind=message.kind,
            user=user,
            local_area=area,
            address=message.email or (message.address_lines[0] if message.address_lines else ""),
            reason=refusal.reason,
            status_code=refusal.status_code,
        )
    return None


def send_after_commit(message: Message, *, user: User | None = None, area: LocalArea | None = None) -> None:
    """Send once the change that caused the message is committed."""
    transaction.on_commit(lambda: send_message(message, user=user, area=area))
