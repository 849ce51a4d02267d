"""Production settings pass Django's deployment checks and refuse to start when unsafe."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest

HOST = "send.example.gov.uk"


def _production_env(tmp_path, **overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SENDTRACK_DEV_SKIP_MFA",
            "MFA_REQUIRED",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests' own process only
        }
    }
    env.update(
        SENDTRACK_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS=HOST,
        SENDTRACK_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value != ""}


def _sendtrack(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sendtrack.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _python(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_production_passes_the_deployment_checks_with_warnings_as_failures(tmp_path):
    result = _sendtrack(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(tmp_path, missing):
    result = _sendtrack(_production_env(tmp_path, **{missing: ""}), "check")

    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


@pytest.mark.parametrize("switch", [{"SENDTRACK_DEV_SKIP_MFA": "true"}, {"MFA_REQUIRED": "false"}])
def test_production_refuses_to_start_with_multi_factor_authentication_skipped(tmp_path, switch):
    result = _sendtrack(_production_env(tmp_path, **switch), "check")

    assert result.returncode != 0
    assert "Multi-factor authentication cannot be skipped or turned off in production" in result.stderr


def test_the_deployment_check_also_catches_the_bypass_if_settings_are_changed_in_code(settings):
    from sendtrack.core.checks import development_switches_off_in_production

    settings.PRODUCTION = True
    settings.MFA_DEV_BYPASS = True
    settings.MFA_REQUIRED = False

    ids = {error.id for error in development_switches_off_in_production(None)}

    assert ids == {"sendtrack.E001", "sendtrack.E002"}


def test_debug_cannot_be_turned_on_in_production(tmp_path):
    code = "import django.conf, sendtrack.settings as s; print(s.DEBUG, s.MFA_DEV_BYPASS)"
    result = _python(_production_env(tmp_path, DEBUG="true"), code)

    assert result.stdout.split() == ["False", "False"], result.stderr


def test_production_sends_hsts_and_redirects_plain_http_to_https(tmp_path):
    code = f"""
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="{HOST}")
plain = client.get("/healthz")
secure = client.get("/healthz", secure=True)
print(plain.status_code, plain["Location"])
print(secure["Strict-Transport-Security"])
"""
    env = _production_env(tmp_path, DJANGO_SETTINGS_MODULE="sendtrack.settings")
    result = _python(env, code)

    lines = result.stdout.splitlines()
    assert lines[0] == f"301 https://{HOST}/healthz", result.stderr
    assert lines[1] == "max-age=31536000; includeSubDomains; preload"


def test_production_cookies_are_secure_only(tmp_path):
    code = (
        "import sendtrack.settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_HTTPONLY)"
    )
    result = _python(_production_env(tmp_path), code)

    assert result.stdout.split() == ["True", "True", "True", "True"], result.stderr
