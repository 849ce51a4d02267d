"""Who someone is and what they belong to."""

from __future__ import annotations

from django.http import HttpRequest

from sendtrack.accounts.models import (
    INVITING_ROLES,
    LA_CASE_ROLES,
    REPORTING_ROLES,
    STAFF_ROLES,
    LocalArea,
    Membership,
    OrganisationKind,
    Role,
    User,
)

ACTIVE_MEMBERSHIP_SESSION_KEY = "active_membership"


def current_memberships(user: User) -> list[Membership]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_current_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.current().filter(user=user).select_related("organisation__local_area")
        )
        user._current_memberships = cached  # type: ignore[attr-defined]
    return cached


def active_membership(request: HttpRequest) -> Membership | None:
    """The membership the user is acting in: the one they chose, else their first."""
    memberships = current_memberships(request.user)  # type: ignore[arg-type]
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


def areas_where(user: User, roles: frozenset[str] | set[str]) -> list[LocalArea]:
    seen: dict[int, LocalArea] = {}
    for membership in current_memberships(user):
        if membership.role in roles:
            area = membership.organisation.local_area
            seen[area.pk] = area
    return list(seen.values())


def la_case_areas(user: User) -> list[LocalArea]:
    """Local areas whose every case this user works on (the council's SEND staff)."""
    return [
        area
        for area in areas_where(user, LA_CASE_ROLES)
        if any(
            m.organisation.local_area_id == area.pk
            and m.organisation.kind == OrganisationKind.LOCAL_AUTHORITY
            and m.role in LA_CASE_ROLES
            for m in current_memberships(user)
        )
    ]


def reporting_areas(user: User) -> list[LocalArea]:
    """Local areas whose area-wide figures this user may see."""
    return areas_where(user, REPORTING_ROLES | LA_CASE_ROLES)


def is_staff_member(user: User) -> bool:
    return bool(roles_of(user) & STAFF_ROLES)


def is_family_only(user: User) -> bool:
    roles = roles_of(user)
    return roles == {Role.PARENT}


def can_invite(user: User) -> bool:
    return has_role(user, *INVITING_ROLES)


def is_administrator(user: User) -> bool:
    return user.is_superuser or has_role(user, Role.ADMINISTRATOR)
