"""Staff sign-in through their organisation's OpenID Connect provider, with mozilla-django-oidc.

mozilla-django-oidc reads one provider from settings; sendtrack has one per organisation, so the
backend here takes its endpoints, client id and secret from the ``IdentityProvider`` that the
sign-in started with (bound to the ``state`` in the session), found by the provider's discovery
document. On top of the library's checks (signature against the provider's keys, expiry, nonce,
state, PKCE) it checks the issuer and the audience, which the library leaves to us.

Nobody gets an account here: a person is signed in only when the verified email names someone
with a current staff membership in the provider's organisation (an invitation gives one).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from sendtrack.accounts import services
from sendtrack.accounts.models import IdentityProvider, User
from sendtrack.accounts.oidc_rules import asserts_mfa, discovery_problem, id_token_problem, verified_email
from sendtrack.accounts.selectors import staff_membership_for_sign_in

logger = logging.getLogger("sendtrack.sign_in")

PROVIDER_ATTRIBUTE = "sign_in_provider"
OUTCOME_ATTRIBUTE = "sign_in_outcome"
MEMBERSHIP_ATTRIBUTE = "sign_in_membership"
# Claims taken from the userinfo endpoint when the ID token does not carry them.
USERINFO_CLAIMS = ("email", "email_verified", "xms_edov", "name")


class Outcome:
    UNKNOWN_PERSON = "unknown_person"
    EMAIL_NOT_VERIFIED = "email_not_verified"


class ProviderUnavailable(Exception):
    """The provider cannot be used now: unreachable, misconfigured, or its secret is missing."""


@dataclass(frozen=True)
class Endpoints:
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None


def discovery_address(provider: IdentityProvider) -> str:
    return provider.discovery_url or f"{provider.issuer.rstrip('/')}/.well-known/openid-configuration"


def discover(provider: IdentityProvider) -> Endpoints:
    """The provider's endpoints from its discovery document, which must name the configured issuer."""
    try:
        response = requests.get(discovery_address(provider), timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        reason = f"the discovery document could not be read ({type(error).__name__})"
        raise ProviderUnavailable(reason) from error
    if not isinstance(document, dict):
        raise ProviderUnavailable("the discovery document is not a JSON object")
    problem = discovery_problem(document, issuer=provider.issuer)
    if problem:
        raise ProviderUnavailable(problem)
    userinfo = document.get("userinfo_endpoint")
    return Endpoints(
        authorization_endpoint=document["authorization_endpoint"],
        token_endpoint=document["token_endpoint"],
        jwks_uri=document["jwks_uri"],
        userinfo_endpoint=userinfo if isinstance(userinfo, str) else None,
    )


def client_secret(provider: IdentityProvider) -> str:
    """The secret from the environment variable the administrator named (or its ``_FILE`` twin)."""
    name = provider.client_secret_variable
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            with open(file_name, encoding="utf-8") as secret_file:
                value = secret_file.read().strip()
        except OSError as error:
            raise ProviderUnavailable(f"{name}_FILE cannot be read") from error
    else:
        value = os.environ.get(name, "").strip()
    if not value:
        raise ProviderUnavailable(f"the environment variable {name} holding the client secret is not set")
    return value


def log_sign_in(
    message: str, provider: IdentityProvider | None, *, outcome: str, user: User | None = None
) -> None:
    """One line per provider sign-in, with the provider's and the user's numbers, never an email."""
    level = logging.INFO if user is not None else logging.WARNING
    extra = {
        "identity_provider": provider.pk if provider else None,
        "outcome": outcome,
        "user_id": user.pk if user else None,
    }
    logger.log(level, message, extra=extra)


class OrganisationSignInBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's authorization code flow, configured from the organisation's provider."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library reads one provider from settings here; ours come with each request.
        self.UserModel = get_user_model()
        self.provider: IdentityProvider | None = None

    def use(self, provider: IdentityProvider) -> None:
        """Take the endpoints, client id and secret from this provider (its discovery document)."""
        endpoints = discover(provider)
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = endpoints.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = endpoints.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = endpoints.jwks_uri
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = client_secret(provider)
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        provider = getattr(request, PROVIDER_ATTRIBUTE, None) if request is not None else None
        if provider is None or "nonce" not in kwargs:
            return None  # a password sign-in, or a callback that no provider sign-in started
        self.use(provider)
        user: User | None = super().authenticate(request, **kwargs)
        return user

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        assert self.provider is not None
        problem = id_token_problem(payload, issuer=self.provider.issuer, client_id=self.provider.client_id)
        if problem:
            raise SuspiciousOperation(problem)
        return payload

    def claims_of(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The ID token's claims, with the email from the userinfo endpoint when the token has none."""
        claims = dict(payload)
        if "email" not in claims and self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("the userinfo endpoint describes someone else")
            claims.update({name: userinfo[name] for name in USERINFO_CLAIMS if name in userinfo})
        return claims

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User | None:
        """Match the person to an invited staff membership in the provider's organisation; create nobody."""
        provider = self.provider
        assert provider is not None
        claims = self.claims_of(access_token, id_token, payload)
        email = verified_email(claims)
        if email is None:
            setattr(self.request, OUTCOME_ATTRIBUTE, Outcome.EMAIL_NOT_VERIFIED)
            log_sign_in("provider sign-in refused", provider, outcome=Outcome.EMAIL_NOT_VERIFIED)
            return None
        membership = staff_membership_for_sign_in(email=email, organisation=provider.organisation)
        if membership is None:
            setattr(self.request, OUTCOME_ATTRIBUTE, Outcome.UNKNOWN_PERSON)
            self.request.sign_in_email = email
            log_sign_in("provider sign-in refused", provider, outcome=Outcome.UNKNOWN_PERSON)
            return None
        user = membership.user
        setattr(self.request, MEMBERSHIP_ATTRIBUTE, membership)
        if asserts_mfa(payload.get("amr")):
            # django-otp keeps this device in the session when auth.login() sees it on the user.
            user.otp_device = services.provider_device(user=user, provider=provider)  # type: ignore[attr-defined]
        log_sign_in(
            "signed in through identity provider",
            provider,
            outcome="mfa_by_provider" if asserts_mfa(payload.get("amr")) else "second_factor_by_sendtrack",
            user=user,
        )
        return user
