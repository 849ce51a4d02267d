"""System checks that refuse unsafe production configurations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def development_switches_off_in_production(app_configs: Any, **kwargs: Any) -> list[Error]:
    errors = []
    if settings.PRODUCTION and settings.MFA_DEV_BYPASS:
        errors.append(Error("The development MFA bypass is on in production.", id="sendtrack.E001"))
    if settings.PRODUCTION and not settings.MFA_REQUIRED:
        errors.append(Error("Multi-factor authentication is off in production.", id="sendtrack.E002"))
    return errors
