"""The request a signed-in page receives, typed: its `user` is a `User`, never an anonymous visitor.

Every page behind sign-in (which is every page not on `PUBLIC_PAGES`) takes an
`AuthenticatedHttpRequest`; the sign-in middleware and `login_required` make the annotation true.
"""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from sendtrack.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
