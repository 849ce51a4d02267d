"""Local areas, the organisations in them, the people who sign in, and what each may do."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django_otp.models import Device

from sendtrack.statutory.labels import ROLE_LABELS, family_role_label


class LocalArea(models.Model):
    """A council area as the DfE knows it (e.g. code 316 for Newham)."""

    code = models.CharField("DfE local authority code", max_length=10, unique=True)
    name = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    INTEGRATED_CARE_BOARD = "integrated_care_board", "Integrated care board"
    NHS_TRUST = "nhs_trust", "NHS trust"
    SETTING = "setting", "School or other setting"
    PARENT_CARER_FORUM = "parent_carer_forum", "Parent carer forum"
    OTHER = "other", "Other"


class Organisation(models.Model):
    local_area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="organisations")
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    name = models.CharField(max_length=200)
    urn = models.CharField("URN or UKPRN", max_length=12, blank=True, db_index=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["local_area", "name"], name="organisation_name_unique_in_area"),
        ]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> User:
        if not email:
            raise ValueError("Enter an email address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone who signs in with their email address."""

    # Not a column: the current memberships, kept for the request by `selectors.current_memberships`.
    _current_memberships: list[Membership]

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField("may use the Django admin", default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    CASEWORKER = "caseworker", ROLE_LABELS["caseworker"]
    SEND_MANAGER = "send_manager", ROLE_LABELS["send_manager"]
    HEALTH_ADVISOR = "health_advisor", ROLE_LABELS["health_advisor"]
    DESIGNATED_CLINICAL_OFFICER = "designated_clinical_officer", ROLE_LABELS["designated_clinical_officer"]
    SOCIAL_WORKER = "social_worker", ROLE_LABELS["social_worker"]
    EDUCATIONAL_PSYCHOLOGIST = "educational_psychologist", ROLE_LABELS["educational_psychologist"]
    SETTING_SENCO = "setting_senco", ROLE_LABELS["setting_senco"]
    BOARD_MEMBER = "board_member", ROLE_LABELS["board_member"]
    PARENT = "parent", ROLE_LABELS["parent"]
    ADMINISTRATOR = "administrator", ROLE_LABELS["administrator"]


# Local authority SEND staff: they see every case in their local area.
LA_CASE_ROLES = frozenset({Role.CASEWORKER, Role.SEND_MANAGER})
# Professionals who see only the cases their organisation is involved in.
INVOLVED_ROLES = frozenset(
    {
        Role.HEALTH_ADVISOR,
        Role.DESIGNATED_CLINICAL_OFFICER,
        Role.SOCIAL_WORKER,
        Role.EDUCATIONAL_PSYCHOLOGIST,
        Role.SETTING_SENCO,
    }
)
# Roles that may see area-wide figures (KPIs, SEN2, improvement plans in draft).
REPORTING_ROLES = frozenset({Role.SEND_MANAGER, Role.DESIGNATED_CLINICAL_OFFICER, Role.BOARD_MEMBER})
# Roles that may invite others into their organisation.
INVITING_ROLES = frozenset({Role.SEND_MANAGER, Role.ADMINISTRATOR})
STAFF_ROLES = frozenset(set(Role) - {Role.PARENT})


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self) -> MembershipQuerySet:
        return self.filter(ended_on__isnull=True)


class Membership(models.Model):
    """A user's role in one organisation; a user may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=40, choices=Role.choices)
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role_in_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.organisation}"

    @property
    def local_area(self) -> LocalArea:
        return self.organisation.local_area

    @property
    def role_label(self) -> str:
        """The role in words; a family account by its relationship to the child, e.g. "Young person"."""
        if self.role == Role.PARENT:
            return family_role_label(self.user.family_links.values_list("relationship", flat=True))
        return self.get_role_display()


class Invitation(models.Model):
    """A send_manager's invitation for someone to join their organisation with a role."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    full_name = models.CharField(max_length=150)
    role = models.CharField(max_length=40, choices=Role.choices)
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} as {self.get_role_display()}"


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class IdentityProvider(models.Model):
    """An organisation's OpenID Connect sign-in (e.g. a council's Microsoft Entra ID tenant).

    An administrator gives the issuer and the client id; the client secret stays out of the
    database, in the environment variable named here. Staff of the organisation who hold an
    invited membership may then sign in through it; see
    docs/decisions/0019-staff-sign-in-with-their-organisation.md.
    """

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="identity_provider"
    )
    slug = models.SlugField(
        "short name in the sign-in address", unique=True, help_text="For example northbridge-council"
    )
    issuer = models.URLField(
        "issuer",
        max_length=300,
        help_text="Exactly as the provider names itself, e.g. https://login.microsoftonline.com/TENANT-ID/v2.0",
    )
    discovery_url = models.URLField(
        "discovery document",
        max_length=300,
        blank=True,
        help_text="Leave empty for the issuer followed by /.well-known/openid-configuration",
    )
    client_id = models.CharField("client id", max_length=200)
    client_secret_variable = models.CharField(
        "environment variable holding the client secret",
        max_length=100,
        help_text="For example OIDC_NORTHBRIDGE_SECRET; the secret itself is never stored here",
    )
    enabled = models.BooleanField("offered on the sign-in page", default=True)

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"Sign in with {self.organisation.name}"


class IdentityProviderDevice(Device):
    """A second factor the organisation's identity provider vouched for (its ID token's ``amr``).

    It never accepts a code: it only stands in django-otp's session key for a sign-in whose
    provider said more than one factor was used, so sendtrack does not ask again.
    """

    provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="devices")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "provider"], name="one_provider_device_a_user"),
        ]

    def verify_token(self, token: object) -> bool:
        return False
