"""Helpers for the trust tests: real sign-in through the form, and codes from an authenticator."""

from __future__ import annotations

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD

SIGN_IN = "/account/sign-in/"
MFA_SETUP = "/account/mfa/setup/"
MFA_VERIFY = "/account/mfa/verify/"


@pytest.fixture
def mfa_on(settings):
    """Production's behaviour: no development bypass."""
    settings.MFA_DEV_BYPASS = False
    settings.MFA_REQUIRED = True
    return settings


def sign_in_with_password(client, user, password: str = TEST_PASSWORD, **extra):
    return client.post(SIGN_IN, {"username": user.email, "password": password}, **extra)


def authenticator_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def code_now(device: TOTPDevice) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
