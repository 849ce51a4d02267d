"""Changes to organisations and people."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import (
    IdentityProvider,
    IdentityProviderDevice,
    Invitation,
    Membership,
    Organisation,
    User,
)


@transaction.atomic
def invite_user(*, organisation: Organisation, email: str, full_name: str, role: str, by: User) -> Invitation:
    """Record the invitation and give the person their membership straight away.

    A new person gets an account with no usable password; the invitation link lets them set one.
    """
    email = email.strip().lower()
    user, _ = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    if not user.password:  # a new account: no password until the invitation is accepted
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return Invitation.objects.create(
        organisation=organisation, email=email, full_name=full_name, role=role, invited_by=by
    )


@transaction.atomic
def accept_invitation(*, invitation: Invitation, password: str) -> User:
    user = User.objects.get(email=invitation.email)
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


def issue_api_token(*, user: User, name: str) -> str:
    """Create a token and return its only plain copy."""
    import hashlib
    import secrets

    from sendtrack.accounts.models import ApiToken

    plain = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, digest=hashlib.sha256(plain.encode()).hexdigest())
    return plain


@transaction.atomic
def provider_device(*, user: User, provider: IdentityProvider) -> IdentityProviderDevice:
    """The stand-in device that marks a session verified by the organisation's provider (never a code)."""
    device, _ = IdentityProviderDevice.objects.get_or_create(
        user=user,
        provider=provider,
        defaults={"name": f"Sign-in through {provider.organisation.name}", "confirmed": True},
    )
    return device
