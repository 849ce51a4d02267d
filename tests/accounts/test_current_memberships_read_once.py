"""A user's current memberships are read on every signed-in page by one fixed statement
(`current_memberships`): the same memberships, organisations and areas, in the same order, as the
ORM's `Membership.objects.current()` with `select_related` gave."""

from __future__ import annotations

import datetime as dt

from sendtrack.accounts.models import Membership, Role
from sendtrack.accounts.selectors import current_memberships


def fields(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_the_current_memberships_are_those_the_orm_read(
    caseworker, council, school, council_elsewhere, django_assert_num_queries
):
    Membership.objects.create(user=caseworker, organisation=school, role=Role.SETTING_SENCO)
    Membership.objects.create(user=caseworker, organisation=council, role=Role.SEND_MANAGER)
    Membership.objects.create(
        user=caseworker, organisation=council_elsewhere, role=Role.CASEWORKER, ended_on=dt.date(2026, 1, 1)
    )
    expected = list(
        Membership.objects.current()
        .filter(user=caseworker)
        .select_related("organisation__local_area")
        .order_by("organisation__name", "role", "pk")
    )

    with django_assert_num_queries(1):
        found = current_memberships(caseworker)
        related = [(m.organisation, m.organisation.local_area) for m in found]
        assert current_memberships(caseworker) is found

    assert len(found) == 3
    assert [fields(m) for m in found] == [fields(m) for m in expected]
    assert [(fields(o), fields(a)) for o, a in related] == [
        (fields(m.organisation), fields(m.organisation.local_area)) for m in expected
    ]


def test_someone_not_signed_in_has_none(db, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(0):
        assert current_memberships(AnonymousUser()) == []
