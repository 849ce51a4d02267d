"""factory-boy factories for the records every app shares. Apps add their own beside their tests."""

from __future__ import annotations

import factory

from sendtrack.accounts.models import LocalArea, Membership, Organisation, OrganisationKind, Role, User

TEST_PASSWORD = "correct-horse-battery-staple"  # noqa: S105


class LocalAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: str(800 + n))
    name = factory.Sequence(lambda n: f"Area {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    local_area = factory.SubFactory(LocalAreaFactory)
    kind = OrganisationKind.LOCAL_AUTHORITY
    name = factory.Sequence(lambda n: f"Organisation {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CASEWORKER


def member(email: str, role: str, organisation: Organisation, full_name: str = "") -> User:
    user = UserFactory(email=email, full_name=full_name or email.split("@")[0].replace(".", " ").title())
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user
