"""The demo local area's organisations and one signed-in person for every role."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from sendtrack.accounts.models import LocalArea, Membership, Organisation, OrganisationKind, Role, User

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - printed by `make run`; development data only
DEMO_EMAIL_DOMAIN = "demo.sendtrack.invalid"


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    kind: str
    name: str
    urn: str = ""


def demo_organisations(area_name: str) -> list[DemoOrganisation]:
    return [
        DemoOrganisation("council", OrganisationKind.LOCAL_AUTHORITY, f"{area_name} Council"),
        DemoOrganisation("icb", OrganisationKind.INTEGRATED_CARE_BOARD, f"NHS {area_name} Integrated Care Board"),
        DemoOrganisation("community_trust", OrganisationKind.NHS_TRUST, f"{area_name} Community Health NHS Trust"),
        DemoOrganisation("hospital_trust", OrganisationKind.NHS_TRUST, f"{area_name} Teaching Hospitals NHS Trust"),
        DemoOrganisation("forum", OrganisationKind.PARENT_CARER_FORUM, f"{area_name} Parent Carer Forum"),
        DemoOrganisation("school", OrganisationKind.SETTING, "Oakfield Primary School", "131204"),
    ]


# (role, organisation key, email local part, full name)
DEMO_PEOPLE: list[tuple[str, str, str, str]] = [
    (Role.SEND_MANAGER, "council", "send.manager", "Priya Shah"),
    (Role.CASEWORKER, "council", "caseworker", "Tom Ellis"),
    (Role.ADMINISTRATOR, "council", "administrator", "Grace Okafor"),
    (Role.SOCIAL_WORKER, "council", "social.worker", "Dan Hughes"),
    (Role.EDUCATIONAL_PSYCHOLOGIST, "council", "ep", "Dr Ruth Bailey"),
    (Role.BOARD_MEMBER, "council", "board.member", "Cllr Margaret Hale"),
    (Role.DESIGNATED_CLINICAL_OFFICER, "icb", "dco", "Sarah Lund"),
    (Role.HEALTH_ADVISOR, "community_trust", "health.advisor", "Amir Haddad"),
    (Role.SETTING_SENCO, "school", "senco", "Helen Morris"),
]


def demo_email(local_part: str) -> str:
    return f"{local_part}@{DEMO_EMAIL_DOMAIN}"


@transaction.atomic
def ensure_demo_people(*, area_name: str, area_code: str) -> tuple[LocalArea, dict[str, Organisation]]:
    """Create (or find) the area, its core organisations and a user for every staff role."""
    area, _ = LocalArea.objects.get_or_create(code=area_code, defaults={"name": area_name})
    organisations = {}
    for spec in demo_organisations(area.name):
        organisations[spec.key], _ = Organisation.objects.get_or_create(
            local_area=area, name=spec.name, defaults={"kind": spec.kind, "urn": spec.urn}
        )
    for role, org_key, local_part, full_name in DEMO_PEOPLE:
        user, created = User.objects.get_or_create(email=demo_email(local_part), defaults={"full_name": full_name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == Role.ADMINISTRATOR
            user.save()
        Membership.objects.get_or_create(user=user, organisation=organisations[org_key], role=role)
    return area, organisations


def demo_logins() -> list[tuple[str, str, str]]:
    """(role, organisation, email) for every demo account that exists."""
    rows = []
    for membership in (
        Membership.objects.filter(user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
        .select_related("user", "organisation")
        .order_by("role", "user__email")
    ):
        rows.append((membership.get_role_display(), membership.organisation.name, membership.user.email))
    return rows
