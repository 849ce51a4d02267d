"""The demo local area's organisations and one signed-in person for every role."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from sendtrack.accounts.models import LocalArea, Membership, Organisation, OrganisationKind, Role, User
from sendtrack.demo.settings import demo_settings

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - printed by `make run`; development data only
DEMO_EMAIL_DOMAIN = "demo.sendtrack.invalid"


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    kind: str
    name: str
    urn: str = ""


def demo_organisations(area_name: str, seed: int = 1) -> list[DemoOrganisation]:
    """The council, its NHS partners, the parent carer forum, and about 60 schools and colleges."""
    settings = demo_settings(area_name, seed)
    senco_school = next(s for s in settings if s.phase == "primary")
    return [
        DemoOrganisation("council", OrganisationKind.LOCAL_AUTHORITY, f"{area_name} Council"),
        DemoOrganisation(
            "icb", OrganisationKind.INTEGRATED_CARE_BOARD, f"NHS {area_name} Integrated Care Board"
        ),
        DemoOrganisation(
            "community_trust", OrganisationKind.NHS_TRUST, f"{area_name} Community Health NHS Trust"
        ),
        DemoOrganisation(
            "hospital_trust", OrganisationKind.NHS_TRUST, f"{area_name} Teaching Hospitals NHS Trust"
        ),
        DemoOrganisation("forum", OrganisationKind.PARENT_CARER_FORUM, f"{area_name} Parent Carer Forum"),
        DemoOrganisation("school", OrganisationKind.SETTING, senco_school.name, senco_school.urn),
        *(
            DemoOrganisation(f"setting:{s.urn}", OrganisationKind.SETTING, s.name, s.urn)
            for s in settings
            if s is not senco_school
        ),
    ]


def advice_recipients(organisations: dict[str, Organisation]) -> dict[str, str]:
    """Who each adviser is in the demo area, by organisation name (case files' `to`)."""
    return {
        "health": organisations["community_trust"].name,
        "social_care": organisations["council"].name,
        "educational_psychology": organisations["council"].name,
    }


# (role, organisation key, email local part, full name)
DEMO_PEOPLE: list[tuple[str, str, str, str]] = [
    (Role.SEND_MANAGER, "council", "send.manager", "Priya Shah"),
    (Role.CASEWORKER, "council", "caseworker", "Tom Ellis"),
    (Role.CASEWORKER, "council", "caseworker.2", "Aisha Khan"),
    (Role.CASEWORKER, "council", "caseworker.3", "Ben Carter"),
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
def ensure_demo_people(
    *, area_name: str, area_code: str, seed: int = 1
) -> tuple[LocalArea, dict[str, Organisation]]:
    """Create (or find) the area, its organisations and settings, and a user for every staff role."""
    area, _ = LocalArea.objects.get_or_create(code=area_code, defaults={"name": area_name})
    specs = demo_organisations(area.name, seed)
    existing = {o.name: o for o in Organisation.objects.filter(local_area=area)}
    missing = [
        Organisation(local_area=area, name=spec.name, kind=spec.kind, urn=spec.urn)
        for spec in specs
        if spec.name not in existing
    ]
    Organisation.objects.bulk_create(missing)
    existing.update({o.name: o for o in Organisation.objects.filter(local_area=area)})
    organisations = {spec.key: existing[spec.name] for spec in specs}
    for role, org_key, local_part, full_name in DEMO_PEOPLE:
        user, created = User.objects.get_or_create(
            email=demo_email(local_part), defaults={"full_name": full_name}
        )
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
        rows.append((membership.role_label, membership.organisation.name, membership.user.email))
    return rows
