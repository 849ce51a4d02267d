"""Asking each adviser of Section K with an email address to confirm their sections of a draft plan.

The message goes through the messaging backend (GOV.UK Notify, or the email backend in development)
once the draft is committed. What became of each is kept on the agency's confirmation: a refused
address is logged and kept for staff by the messaging app, and shown on the plan page with the reason.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from sendtrack.accounts.models import LocalArea
from sendtrack.ehcplan.models import AgencyConfirmation, PlanVersion
from sendtrack.ehcplan.structure import AGENCY_FOR_SECTION, Advice, EhcPlan
from sendtrack.messaging.backends import Message
from sendtrack.messaging.models import MessageKind
from sendtrack.messaging.services import send_or_keep
from sendtrack.statutory.labels import agency_label, join_words, lower_first


def _sections(agency: str) -> str:
    codes = [code for code, whose in AGENCY_FOR_SECTION.items() if whose == agency]
    return f"sections {join_words(codes)}" if codes else "the sections about what it provides"


def confirmation_message(version: PlanVersion, confirmation: AgencyConfirmation, advice: Advice) -> Message:
    case = version.case
    child = " ".join(n for n in (case.person.given_name, case.person.family_name) if n) or "a child"
    link = settings.SITE_URL + reverse("ehcplan:plan", args=[case.case_ref])
    due = f"{confirmation.due_on.day} {confirmation.due_on:%B %Y}"
    agency = lower_first(agency_label(confirmation.agency))
    subject = f"Please confirm the {agency} sections of a draft EHC plan by {due}"
    body = (
        f"Dear {advice.adviser},\n\n"
        f"A draft education, health and care plan has been issued for {child} (case {case.case_ref}), "
        f"using the advice you gave. Please read the {agency} part ({_sections(confirmation.agency)}) "
        f"and confirm it, or send your corrections, by {due}, so that they can be made before the "
        f"family's 15 days to comment on the draft end.\n\n"
        f"Read and confirm the sections: {link}\n"
    )
    return Message(
        kind=MessageKind.PLAN_CONFIRMATION,
        subject=subject,
        body=body,
        email=advice.email,
        fields={"name": advice.adviser, "link": link, "due": due},
        reference=f"{case.case_ref}-plan-{version.number}-{confirmation.agency}",
    )


def ask_by_email(version: PlanVersion, plan: EhcPlan, confirmations: list[AgencyConfirmation]) -> None:
    """Email each adviser of Section K whose agency is asked to confirm, once the draft is committed."""
    by_agency = {c.agency: c for c in confirmations}
    for advice in plan.advice:
        confirmation = by_agency.get(advice.agency)
        if confirmation is None or not advice.email.strip():
            continue
        index = len(confirmation.asked_by_email)
        confirmation.asked_by_email.append(
            {"name": advice.adviser, "address": advice.email.strip(), "delivered": None, "reason": ""}
        )
        message = confirmation_message(version, confirmation, advice)
        area = version.case.local_area
        transaction.on_commit(partial(_send, confirmation.pk, index, message, area))
    for confirmation in confirmations:
        if confirmation.asked_by_email:
            confirmation.save(update_fields=["asked_by_email"])


def _send(confirmation_id: int, index: int, message: Message, area: LocalArea) -> None:
    kept = send_or_keep(message, area=area)
    with transaction.atomic():
        confirmation = AgencyConfirmation.objects.select_for_update().get(pk=confirmation_id)
        row = confirmation.asked_by_email[index]
        row["delivered"], row["reason"] = kept is None, kept.reason if kept else ""
        confirmation.save(update_fields=["asked_by_email"])
