"""Who someone is and what they belong to."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from sendtrack.accounts.models import (
    IdentityProvider,
    LocalArea,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)

ACTIVE_MEMBERSHIP_SESSION_KEY = "active_membership"


def current_memberships(user: User | AnonymousUser) -> list[Membership]:
    if not isinstance(user, User):
        return []
    cached = getattr(user, "_current_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.current().filter(user=user).select_related("organisation__local_area")
        )
        user._current_memberships = cached
    return cached


def areas_where(
    user: User | AnonymousUser, roles: Iterable[str], *, council_only: bool = False
) -> list[LocalArea]:
    """The areas of the user's current memberships in these roles (at the area's council, if asked).

    Only the raw lookup: which roles a decision needs is written in `accounts.access` and
    `casework.access`."""
    roles = frozenset(roles)
    seen: dict[int, LocalArea] = {}
    for membership in current_memberships(user):
        organisation = membership.organisation
        if membership.role not in roles:
            continue
        if council_only and organisation.kind != OrganisationKind.LOCAL_AUTHORITY:
            continue
        seen.setdefault(organisation.local_area_id, organisation.local_area)
    return list(seen.values())


def active_membership(request: HttpRequest) -> Membership | None:
    """The membership the user is acting in: the one they chose, else their first."""
    memberships = current_memberships(request.user)
    if not memberships:
        return None
    chosen = request.session.get(ACTIVE_MEMBERSHIP_SESSION_KEY)
    for membership in memberships:
        if membership.pk == chosen:
            return membership
    return memberships[0]


def roles_of(user: User) -> set[str]:
    return {m.role for m in current_memberships(user)}


def has_role(user: User, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_family_only(user: User) -> bool:
    roles = roles_of(user)
    return roles == {Role.PARENT}


def staff_membership_for_sign_in(*, email: str, organisation: Organisation) -> Membership | None:
    """The current staff membership in ``organisation`` of the active person with this email, if any.

    Families keep email and password: a parent's membership never matches.
    """
    return (
        Membership.objects.current()
        .filter(organisation=organisation, user__email__iexact=email, user__is_active=True)
        .exclude(role=Role.PARENT)
        .select_related("user", "organisation")
        .order_by("pk")
        .first()
    )


def sign_in_providers() -> list[IdentityProvider]:
    """The organisations whose staff may sign in with their own account, for the sign-in page."""
    return list(IdentityProvider.objects.filter(enabled=True).select_related("organisation"))
