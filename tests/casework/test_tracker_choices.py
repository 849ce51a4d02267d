"""The tracker's filter choices come from one fixed statement (`tracker_choices`): the same
caseworkers and settings, in the same order, as the two ORM queries that read them before."""

from __future__ import annotations

import datetime as dt

from sendtrack.accounts import access as area_access
from sendtrack.accounts.models import Membership, Organisation, OrganisationKind, Role
from sendtrack.casework.selectors import tracker_choices
from tests.factories import OrganisationFactory, member


def orm_choices(user):
    areas = [area.pk for area in area_access.council_case_areas(user)]
    caseworkers = (
        Membership.objects.current()
        .filter(
            organisation__local_area_id__in=areas,
            role__in=[Role.CASEWORKER, Role.SEND_MANAGER],
            organisation__kind=OrganisationKind.LOCAL_AUTHORITY,
        )
        .values_list("user_id", "user__full_name")
        .order_by("user__full_name", "user_id")
        .distinct()
    )
    settings = Organisation.objects.filter(local_area_id__in=areas, kind=OrganisationKind.SETTING)
    return {
        "caseworkers": list(caseworkers),
        "settings": list(settings.order_by("name", "pk").values_list("pk", "name")),
    }


def test_the_choices_are_the_current_council_staff_and_the_areas_settings_by_name(
    caseworker, manager, social_worker, caseworker_elsewhere, council, school, other_school, other_area
):
    left = member("left@northbridge.example", Role.CASEWORKER, council, "Aaron Left")
    Membership.objects.filter(user=left).update(ended_on=dt.date(2026, 1, 1))
    also_manager = member("both@northbridge.example", Role.CASEWORKER, council, "Beth Both")
    Membership.objects.create(user=also_manager, organisation=council, role=Role.SEND_MANAGER)
    OrganisationFactory(local_area=other_area, kind=OrganisationKind.SETTING, name="Elsewhere School")
    OrganisationFactory(local_area=council.local_area, kind=OrganisationKind.SETTING, name="Abbey & <Co>")

    found = tracker_choices(caseworker)

    assert found == orm_choices(caseworker)
    names = [name for _, name in found["caseworkers"]]
    assert "Aaron Left" not in names and names.count("Beth Both") == 1 and len(names) == 3
    assert [name for _, name in found["settings"]][0] == "Abbey & <Co>"
    assert len(found["settings"]) == 3


def test_someone_with_no_council_area_has_no_choices(health_advisor, django_assert_num_queries):
    area_access.council_case_areas(health_advisor)  # the user's memberships, read once a request
    with django_assert_num_queries(0):
        assert tracker_choices(health_advisor) == {"caseworkers": [], "settings": []}
