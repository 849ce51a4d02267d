"""The fixed cast, the same in every test.

Two local areas: Northbridge (code 999), where the work happens, and Southmoor (code 998), whose
staff must never see Northbridge's children. Apps add their own records (cases, plans) in their
own conftest files, using these people.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings as hypothesis_settings

from sendtrack.accounts.models import LocalArea, Organisation, OrganisationKind, Role, User
from tests.factories import LocalAreaFactory, OrganisationFactory, member

# CI runs the same examples every time and never fails a property on a slow machine's timing.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def area(db) -> LocalArea:
    return LocalAreaFactory(code="999", name="Northbridge")


@pytest.fixture
def other_area(db) -> LocalArea:
    return LocalAreaFactory(code="998", name="Southmoor")


@pytest.fixture
def council(area) -> Organisation:
    return OrganisationFactory(
        local_area=area, kind=OrganisationKind.LOCAL_AUTHORITY, name="Northbridge Council"
    )


@pytest.fixture
def council_elsewhere(other_area) -> Organisation:
    return OrganisationFactory(
        local_area=other_area, kind=OrganisationKind.LOCAL_AUTHORITY, name="Southmoor Council"
    )


@pytest.fixture
def icb(area) -> Organisation:
    return OrganisationFactory(
        local_area=area, kind=OrganisationKind.INTEGRATED_CARE_BOARD, name="NHS Northbridge ICB"
    )


@pytest.fixture
def health_trust(area) -> Organisation:
    return OrganisationFactory(
        local_area=area, kind=OrganisationKind.NHS_TRUST, name="Northbridge Community Health NHS Trust"
    )


@pytest.fixture
def school(area) -> Organisation:
    return OrganisationFactory(
        local_area=area, kind=OrganisationKind.SETTING, name="Oakfield Primary School", urn="131204"
    )


@pytest.fixture
def other_school(area) -> Organisation:
    return OrganisationFactory(
        local_area=area, kind=OrganisationKind.SETTING, name="Riverside Academy", urn="140577"
    )


@pytest.fixture
def caseworker(council) -> User:
    return member("caseworker@northbridge.example", Role.CASEWORKER, council, "Tom Ellis")


@pytest.fixture
def manager(council) -> User:
    return member("manager@northbridge.example", Role.SEND_MANAGER, council, "Priya Shah")


@pytest.fixture
def read_only_officer(council) -> User:
    """A board member: sees area-wide reports, never a child's record."""
    return member("board@northbridge.example", Role.BOARD_MEMBER, council, "Margaret Hale")


@pytest.fixture
def administrator(council) -> User:
    user = member("admin@northbridge.example", Role.ADMINISTRATOR, council, "Grace Okafor")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def caseworker_elsewhere(council_elsewhere) -> User:
    return member("caseworker@southmoor.example", Role.CASEWORKER, council_elsewhere, "Sam Reid")


@pytest.fixture
def health_advisor(health_trust) -> User:
    return member("health@northbridge.example", Role.HEALTH_ADVISOR, health_trust, "Amir Haddad")


@pytest.fixture
def dco(icb) -> User:
    return member("dco@northbridge.example", Role.DESIGNATED_CLINICAL_OFFICER, icb, "Sarah Lund")


@pytest.fixture
def social_worker(council) -> User:
    return member("social@northbridge.example", Role.SOCIAL_WORKER, council, "Dan Hughes")


@pytest.fixture
def senco(school) -> User:
    return member("senco@oakfield.example", Role.SETTING_SENCO, school, "Helen Morris")


@pytest.fixture
def other_senco(other_school) -> User:
    return member("senco@riverside.example", Role.SETTING_SENCO, other_school, "Jo Patel")


@pytest.fixture
def parent(council) -> User:
    """A parent account; casework's conftest links it to the child."""
    return member("parent@example.org", Role.PARENT, council, "Alex Morgan")


@pytest.fixture
def other_parent(council) -> User:
    return member("other.parent@example.org", Role.PARENT, council, "Chris Taylor")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings, request):
    """Argon2 costs about half a second a user; tests that check the hasher itself opt out."""
    if "argon2" not in request.node.name:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def scratch(tmp_path):
    """Scratch databases for subprocesses (see tests/scratch.py), dropped afterwards."""
    from tests.scratch import Scratch

    databases = Scratch(tmp_path)
    yield databases
    if databases.vendor != "sqlite":
        databases.drop_all()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing kept from another (ids are reused after a rollback)."""
    from django.core.cache import cache

    cache.clear()
