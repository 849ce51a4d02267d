"""Inviting a parent, carer or young person to see a person's record, and accepting the invitation.

A young person gets their own access only when they are 16 or over on the day of the invitation
and the council has decided they should (the caseworker confirms it on the form).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from sendtrack.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from sendtrack.casework.models import FamilyLink, Person
from sendtrack.messaging.backends import Message
from sendtrack.messaging.models import MessageKind
from sendtrack.messaging.services import send_after_commit
from sendtrack.portal.models import FamilyInvitation, Relationship

INVITATION_SALT = "sendtrack.portal.family-invitation"
INVITATION_MAX_AGE = 14 * 24 * 60 * 60
YOUNG_PERSON_MIN_AGE = 16


class InvitationRefused(Exception):
    """The invitation cannot be made or accepted; the message says why in plain words."""


YOUNG_PERSON_UNDER_16 = "A young person can only have their own account from the age of 16"
YOUNG_PERSON_BIRTH_DATE_UNKNOWN = "Record the young person's date of birth before you invite them"
YOUNG_PERSON_NOT_CONFIRMED = (
    "Confirm that the council has decided the young person can have their own account"
)
NO_COUNCIL = "There is no council organisation for this local area"
ACCOUNT_EXISTS = "There is already an account for this email address. Sign in to accept the invitation"
WRONG_ACCOUNT = "This invitation was sent to a different email address"


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    years = day.year - date_of_birth.year
    if (day.month, day.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def check_young_person_may_be_invited(*, person: Person, confirmed: bool, on: dt.date) -> None:
    if person.date_of_birth is None:
        raise InvitationRefused(YOUNG_PERSON_BIRTH_DATE_UNKNOWN)
    if age_on(person.date_of_birth, on) < YOUNG_PERSON_MIN_AGE:
        raise InvitationRefused(YOUNG_PERSON_UNDER_16)
    if not confirmed:
        raise InvitationRefused(YOUNG_PERSON_NOT_CONFIRMED)


def invitation_token(invitation: FamilyInvitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> FamilyInvitation | None:
    """The open invitation a token names, or None when it is forged, expired or already used."""
    try:
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    return FamilyInvitation.objects.select_related("person").filter(pk=pk, accepted_at__isnull=True).first()


@transaction.atomic(durable=True)
def invite_family_member(
    *,
    person: Person,
    email: str,
    full_name: str,
    relationship: str,
    by: User,
    accept_url_for: Callable[[str], str] | None = None,
    council_decision_confirmed: bool = False,
    on: dt.date | None = None,
) -> FamilyInvitation:
    """Record the invitation and email the link (after the transaction commits).

    `accept_url_for` turns the invitation's token into the absolute link; without it no email is sent.
    """
    on = on or timezone.localdate()
    if relationship == Relationship.YOUNG_PERSON:
        check_young_person_may_be_invited(person=person, confirmed=council_decision_confirmed, on=on)
    invitation = FamilyInvitation.objects.create(
        person=person,
        email=email.strip().lower(),
        full_name=full_name.strip(),
        relationship=relationship,
        council_decision_confirmed=council_decision_confirmed and relationship == Relationship.YOUNG_PERSON,
        invited_by=by,
    )
    if accept_url_for is not None:
        email_invitation(invitation, accept_url_for(invitation_token(invitation)))
    return invitation


INVITATION_SUBJECT = "You have been invited to follow an EHC plan"


def email_invitation(invitation: FamilyInvitation, accept_url: str) -> None:
    """Send the link once the invitation is safely stored."""
    body = render_to_string(
        "portal/email/invitation.txt", {"invitation": invitation, "accept_url": accept_url}
    )

    send_after_commit(
        Message(
            kind=MessageKind.INVITATION,
            subject=INVITATION_SUBJECT,
            body=body,
            email=invitation.email,
            fields={"name": invitation.full_name, "accept_url": accept_url},
        ),
        area=invitation.person.local_area,
    )


def council_of(person: Person) -> Organisation:
    council = (
        Organisation.objects.filter(local_area_id=person.local_area_id, kind=OrganisationKind.LOCAL_AUTHORITY)
        .order_by("pk")
        .first()
    )
    if council is None:
        raise InvitationRefused(NO_COUNCIL)
    return council


def link_family_member(
    *, person: Person, user: User, relationship: str, granted_by: User | None
) -> FamilyLink:
    """Give `user` a family member's view of `person`: a parent membership and a current link.

    Safe to call twice: an existing current link is returned unchanged.
    """
    Membership.objects.get_or_create(user=user, organisation=council_of(person), role=Role.PARENT)
    link = FamilyLink.objects.current().filter(person=person, user=user).first()
    if link is None:
        link = FamilyLink.objects.create(
            person=person, user=user, relationship=relationship, granted_by=granted_by
        )
    return link


@transaction.atomic(durable=True)
def accept_family_invitation(
    *, invitation: FamilyInvitation, user: User | None = None, password: str = ""
) -> User:
    """Link the family member to the record. A signed-in `user` must be the one invited;
    otherwise a new account is made with `password`.
    """
    invitation = FamilyInvitation.objects.select_for_update().select_related("person").get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationRefused("This invitation has already been used")
    if invitation.relationship == Relationship.YOUNG_PERSON:
        check_young_person_may_be_invited(
            person=invitation.person,
            confirmed=invitation.council_decision_confirmed,
            on=timezone.localdate(invitation.created_at),
        )
    if user is None:
        if User.objects.filter(email=invitation.email).exists():
            raise InvitationRefused(ACCOUNT_EXISTS)
        user = User.objects.create_user(invitation.email, password, full_name=invitation.full_name)
    elif user.email.lower() != invitation.email:
        raise InvitationRefused(WRONG_ACCOUNT)
    link_family_member(
        person=invitation.person,
        user=user,
        relationship=invitation.relationship,
        granted_by=invitation.invited_by,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def account_exists(invitation: FamilyInvitation) -> bool:
    return User.objects.filter(email=invitation.email).exists()


def family_members(person: Person) -> list[FamilyLink]:
    return list(FamilyLink.objects.current().filter(person=person).select_related("user"))


def open_invitations(person: Person) -> list[FamilyInvitation]:
    return list(FamilyInvitation.objects.filter(person=person, accepted_at__isnull=True))
