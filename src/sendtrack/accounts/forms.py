from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from sendtrack.accounts.models import IdentityProvider, Role, User

SIGN_IN_FAILED = "Enter a correct email address and password"
MISSING_EMAIL = "Enter your email address"
MISSING_PASSWORD = "Enter your password"  # noqa: S105 - an error message
MISSING_NAME = "Enter their full name"
MISSING_ROLE = "Select a role"
PASSWORDS_DIFFER = "The passwords do not match"


class SignInForm(AuthenticationForm):
    """Email and password. The same message for an unknown email and a wrong password."""

    username = forms.EmailField(
        label="Email address",
        error_messages={"required": MISSING_EMAIL, "invalid": "Enter an email address in the correct format"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": MISSING_PASSWORD},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": SIGN_IN_FAILED,
        "inactive": SIGN_IN_FAILED,
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().lower()


class InviteForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=150, error_messages={"required": MISSING_NAME})
    email = forms.EmailField(
        label="Email address",
        error_messages={"required": MISSING_EMAIL, "invalid": "Enter an email address in the correct format"},
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[(r.value, r.label) for r in Role if r != Role.PARENT],
        widget=forms.RadioSelect,
        error_messages={"required": MISSING_ROLE},
    )


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label="Create a password",
        strip=False,
        help_text="At least 12 characters. Do not use a password you use elsewhere.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a password"},
    )
    password2 = forms.CharField(
        label="Confirm the password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter the password again"},
    )

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", PASSWORDS_DIFFER)
        elif p1:
            try:
                password_validation.validate_password(str(p1), self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


MISSING_CODE = "Enter the code from your authenticator app"
CODE_NOT_SIX_DIGITS = "Enter the 6-digit code from your authenticator app"
WRONG_CODE = "The code is not right or has been used already. Enter the newest code from your app"
WRONG_CODE_OR_BACKUP_CODE = (
    "The code is not right or has been used already. Enter the newest code from your app, or a backup code"
)
TOO_MANY_CODE_TRIES = "You have entered too many wrong codes. Wait a few minutes and try again"
MISSING_CODE_OR_BACKUP_CODE = "Enter the code from your authenticator app or a backup code"


class ConfirmAuthenticatorForm(forms.Form):
    """The first code from a newly added authenticator app."""

    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=20,
        error_messages={"required": MISSING_CODE},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(CODE_NOT_SIX_DIGITS)
        return code


class VerifyCodeForm(forms.Form):
    """A code from the authenticator app, or one of the backup codes."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="If you do not have your phone, enter one of your backup codes instead.",
        max_length=20,
        error_messages={"required": MISSING_CODE_OR_BACKUP_CODE},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


SECRET_VARIABLE = re.compile(r"^[A-Z][A-Z0-9_]{1,99}$")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def _https_unless_loopback(address: str, field: str) -> str:
    parts = urlsplit(address)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS):
        return address
    raise forms.ValidationError(f"The {field} must start with https://")


class IdentityProviderForm(forms.ModelForm):
    """An administrator's settings for an organisation's OpenID Connect provider."""

    issuer = IdentityProvider._meta.get_field("issuer").formfield(assume_scheme="https")
    discovery_url = IdentityProvider._meta.get_field("discovery_url").formfield(assume_scheme="https")

    class Meta:
        model = IdentityProvider
        fields = [
            "organisation",
            "slug",
            "issuer",
            "discovery_url",
            "client_id",
            "client_secret_variable",
            "enabled",
        ]

    def clean_issuer(self) -> str:
        return _https_unless_loopback(str(self.cleaned_data["issuer"]).strip(), "issuer")

    def clean_discovery_url(self) -> str:
        address = str(self.cleaned_data.get("discovery_url") or "").strip()
        return _https_unless_loopback(address, "discovery document address") if address else ""

    def clean_client_secret_variable(self) -> str:
        name = str(self.cleaned_data["client_secret_variable"]).strip()
        if not SECRET_VARIABLE.match(name):
            raise forms.ValidationError(
                "Enter the name of an environment variable in capital letters, digits and underscores, "
                "like OIDC_NORTHBRIDGE_SECRET, not the secret itself"
            )
        return name
