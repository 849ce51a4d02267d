"""The address that sign-in lockout counts failures against."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The visitor's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies, the one they saw.

    Each proxy appends the address it received from to X-Forwarded-For, so the visitor's is the
    entry that many places from the right; anything further left was written by the visitor.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-count] if len(forwarded) >= count else remote
