"""Decision letters: the family is told each decision on an EHC needs assessment or plan.

When a decision is recorded (to assess or not, to issue a plan or not), every family member linked
to the child with an account gets the letter by email through the messaging backend (GOV.UK Notify
in production, with the decision letter's email template; docs/deploy.md), signed by the person
who recorded it, with the service's reply-to address. Refusals say how to appeal. The letters go
only after the decision is committed; one Notify refuses is kept for staff, never lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from sendtrack.accounts.models import OrganisationKind, Role, User
from sendtrack.casework.models import Case, CaseEvent, FamilyLink
from sendtrack.messaging.backends import Message
from sendtrack.messaging.models import MessageKind
from sendtrack.messaging.services import send_after_commit

# (event type, outcome): what was decided, in words after "decided".
DECISIONS = {
    ("assessment_decision", "assess"): "to carry out an education, health and care (EHC) needs assessment",
    (
        "assessment_decision",
        "refuse",
    ): "not to carry out an education, health and care (EHC) needs assessment",
    ("plan_decision", "issue"): "to issue an education, health and care (EHC) plan",
    ("plan_decision", "refuse"): "not to issue an education, health and care (EHC) plan",
}
NEXT_STEPS = {
    ("assessment_decision", "assess"): [
        "We will ask for advice about {child} from education, health and social care, and from you.",
        "We will tell you whether we will issue an EHC plan within 20 weeks of the request.",
    ],
    ("assessment_decision", "refuse"): [
        "{child}'s school or setting should keep meeting their needs from the support it has.",
    ],
    ("plan_decision", "issue"): [
        "We will send you a draft plan. You will then have 15 days to comment on it and to ask for "
        "a particular school or other setting to be named in it.",
    ],
    ("plan_decision", "refuse"): [
        "We will write to you about the support {child} can have without an EHC plan.",
    ],
}
SUBJECTS = {
    "assessment_decision": "Our decision about an EHC needs assessment for {child}",
    "plan_decision": "Our decision about an EHC plan for {child}",
}


@dataclass(frozen=True)
class Sender:
    """Who signs the letter: the person who recorded the decision, or the area's SEND service."""

    name: str
    organisation: str
    role: str = ""


@dataclass(frozen=True)
class Letter:
    child: str
    decision: str
    decided_on: dt.date
    heading: str
    next_steps: list[str] = field(default_factory=list)
    appealable: bool = False


def is_decision(event: CaseEvent) -> bool:
    return (event.type, event.data.get("outcome")) in DECISIONS


def sender_of(case: Case, by: User | None) -> Sender:
    service = f"{case.local_area.name} SEND service"
    if by is None:
        return Sender(name="The SEND team", organisation=service)
    membership = (
        by.memberships.current()
        .filter(organisation__local_area=case.local_area)
        .exclude(role=Role.PARENT)
        .select_related("organisation")
        .order_by("organisation__kind", "pk")
    )
    chosen = (
        next((m for m in membership if m.organisation.kind == OrganisationKind.LOCAL_AUTHORITY), None)
        or membership.first()
    )
    if chosen is None:
        return Sender(name=by.full_name or service, organisation=service)
    return Sender(name=by.full_name, organisation=chosen.organisation.name, role=chosen.get_role_display())


def letter_for(case: Case, event: CaseEvent) -> Letter:
    key = (event.type, str(event.data.get("outcome")))
    child = case.person.given_name or "your child"
    assert event.date is not None
    return Letter(
        child=child,
        decision=DECISIONS[key],
        decided_on=event.date,
        heading=SUBJECTS[event.type].format(child=child),
        next_steps=[sentence.format(child=child) for sentence in NEXT_STEPS[key]],
        appealable=key[1] == "refuse",
    )


def family_link(case: Case) -> str:
    return settings.SITE_URL + reverse("portal:family-case", args=[case.case_ref])


def decision_messages(*, case: Case, event: CaseEvent, by: User | None) -> list[tuple[FamilyLink, Message]]:
    """The letter for each current family member with an active account, ready to send."""
    letter = letter_for(case, event)
    sender = sender_of(case, by)
    link = family_link(case)
    links = FamilyLink.objects.current().filter(person_id=case.person_id, user__is_active=True)
    messages = []
    for family in links.select_related("user").order_by("pk"):
        body = render_to_string(
            "casework/letters/decision.txt",
            {"letter": letter, "sender": sender, "recipient": family.user, "link": link},
        )
        messages.append(
            (
                family,
                Message(
                    kind=MessageKind.DECISION_LETTER,
                    subject=letter.heading,
                    body=body,
                    email=family.user.email,
                    fields={
                        "name": family.user.full_name,
                        "link": link,
                        "sender_name": sender.name,
                        "sender_organisation": sender.organisation,
                    },
                    reference=f"{case.case_ref}-{event.type}-{event.pk}",
                    reply_to=True,
                ),
            )
        )
    return messages


def send_decision_letters(*, case: Case, event: CaseEvent, by: User | None) -> int:
    """Queue the decision letter to each linked family member, sent once the decision commits."""
    if not is_decision(event):
        return 0
    found = decision_messages(case=case, event=event, by=by)
    for family, message in found:
        send_after_commit(message, user=family.user, area=case.local_area)
    return len(found)
