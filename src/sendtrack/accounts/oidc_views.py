"""The two pages of a sign-in through an organisation's identity provider: the start and the return.

Both are mozilla-django-oidc's views, told which organisation's provider to use. Anything that goes
wrong (a wrong or reused ``state``, a token from another issuer, an unreachable provider) ends on a
plain page that says so and signs nobody in; the reason goes to the log, never to the page.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import requests
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from sendtrack.accounts.middleware import SIGNED_IN_AT_KEY
from sendtrack.accounts.models import IdentityProvider
from sendtrack.accounts.oidc import (
    MEMBERSHIP_ATTRIBUTE,
    OUTCOME_ATTRIBUTE,
    PROVIDER_ATTRIBUTE,
    Outcome,
    ProviderUnavailable,
    client_secret,
    discover,
    log_sign_in,
)
from sendtrack.accounts.selectors import ACTIVE_MEMBERSHIP_SESSION_KEY

STATES_KEY = "oidc_states"
REFUSED_TEMPLATE = "accounts/provider_sign_in_refused.html"
UNKNOWN_TEMPLATE = "accounts/provider_sign_in_unknown.html"


def _refused(request: HttpRequest, provider: IdentityProvider | None, reason: str) -> HttpResponse:
    log_sign_in(f"provider sign-in refused: {reason}", provider, outcome="refused")
    return render(request, REFUSED_TEMPLATE, {"provider": provider}, status=400)


class StartProviderSignIn(OIDCAuthenticationRequestView):
    """Send the person to their organisation's provider, remembering which one beside the state."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)  # the library's own reads one provider from settings

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        provider = (
            IdentityProvider.objects.filter(slug=slug, enabled=True).select_related("organisation").first()
        )
        if provider is None:
            raise Http404
        try:
            client_secret(provider)  # refuse now rather than after the person has signed in there
            endpoints = discover(provider)
        except ProviderUnavailable as error:
            return _refused(request, provider, str(error))
        self.OIDC_OP_AUTH_ENDPOINT = endpoints.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = provider.client_id
        response = super().get(request)
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        request.session[STATES_KEY][state]["provider"] = provider.pk
        request.session.modified = True
        return response


class ProviderSignInCallback(OIDCAuthenticationCallbackView):
    """The provider sends the person back here with a code; the backend checks it and finds them."""

    def get(self, request: HttpRequest) -> HttpResponse:
        provider = self._provider_of_state(request)
        setattr(request, PROVIDER_ATTRIBUTE, provider)
        try:
            response: HttpResponse = super().get(request)
            return response
        except SuspiciousOperation as error:
            return _refused(request, provider, str(error))
        except ProviderUnavailable as error:
            return _refused(request, provider, str(error))
        except (requests.RequestException, jwt.PyJWTError, KeyError, ValueError) as error:
            return _refused(request, provider, type(error).__name__)

    @staticmethod
    def _provider_of_state(request: HttpRequest) -> IdentityProvider | None:
        states = request.session.get(STATES_KEY)
        entry = states.get(request.GET.get("state", "")) if isinstance(states, dict) else None
        provider_pk = entry.get("provider") if isinstance(entry, dict) else None
        if provider_pk is None:
            return None
        found = IdentityProvider.objects.filter(pk=provider_pk, enabled=True)
        return found.select_related("organisation").first()

    def login_success(self) -> HttpResponse:
        response: HttpResponse = super().login_success()
        self.request.session[SIGNED_IN_AT_KEY] = time.time()
        membership = getattr(self.request, MEMBERSHIP_ATTRIBUTE, None)
        if membership is not None:
            self.request.session[ACTIVE_MEMBERSHIP_SESSION_KEY] = membership.pk
        return response

    def login_failure(self) -> HttpResponse:
        request = self.request
        provider = getattr(request, PROVIDER_ATTRIBUTE, None)
        outcome = getattr(request, OUTCOME_ATTRIBUTE, None)
        if provider is not None and outcome in {Outcome.UNKNOWN_PERSON, Outcome.EMAIL_NOT_VERIFIED}:
            context = {
                "provider": provider,
                "email": getattr(request, "sign_in_email", ""),
                "email_not_verified": outcome == Outcome.EMAIL_NOT_VERIFIED,
            }
            return render(request, UNKNOWN_TEMPLATE, context, status=403)
        if request.GET.get("error"):
            reason = "the provider answered with an error"
        elif provider is None:
            reason = "no sign-in was started with this state"
        else:
            reason = "the provider's answer was not accepted"
        return _refused(request, provider, reason)
