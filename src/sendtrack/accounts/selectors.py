"""Who someone is and what they belong to."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from sendtrack.accounts import prepared
from sendtrack.accounts.fixed_select import Columns
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


MEMBERSHIP_COLUMNS = Columns((Membership, "m"), (Organisation, "o"), (LocalArea, "a"))
# `Membership.objects.current()` (not ended) of one user with each organisation and its area, in the
# model's order: read on every signed-in page, so written once instead of built by the ORM each time.
MEMBERSHIPS_FROM = """
FROM accounts_membership m
JOIN accounts_organisation o ON o.id = m.organisation_id
JOIN accounts_localarea a ON a.id = o.local_area_id
WHERE m.user_id = %s AND m.ended_on IS NULL
ORDER BY o.name, m.role, m.id
"""
CURRENT_MEMBERSHIPS_SQL = f"SELECT {MEMBERSHIP_COLUMNS.sql()} {MEMBERSHIPS_FROM}"  # noqa: S608 - column names
ORGANISATION = Membership._meta.get_field("organisation")
AREA = Organisation._meta.get_field("local_area")


def current_memberships(user: User | AnonymousUser) -> list[Membership]:
    """The user's current memberships, each with its organisation and area; read once a request."""
    if not isinstance(user, User):
        return []
    cached = getattr(user, "_current_memberships", None)
    if cached is None:
        with prepared.cursor() as cursor:
            cursor.execute(CURRENT_MEMBERSHIPS_SQL, [user.pk])
            rows = cursor.fetchall()
        cached = []
        for row in rows:
            membership, organisation, area = MEMBERSHIP_COLUMNS.instances(row)
            AREA.set_cached_value(organisation, area)
            ORGANISATION.set_cached_value(membership, organisation)
            cached.append(membership)
        user._current_memberships = cached
    return cached  # type: ignore[return-value]


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
