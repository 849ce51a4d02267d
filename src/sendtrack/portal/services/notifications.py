"""Emails to families: a step was completed, a step is late, or nothing has changed for 4 weeks.

Every email is a FamilyNotification row first, unique per person, case, kind and milestone, so
running the command twice (or with the same --as-of) sends nothing new. Emails go out only after
the rows are committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse

from sendtrack.accounts.models import LocalArea, User
from sendtrack.casework.models import Case, FamilyLink, Milestone
from sendtrack.messaging.backends import Message
from sendtrack.messaging.models import MessageKind
from sendtrack.messaging.services import send_after_commit
from sendtrack.portal.models import FamilyNotification, NotificationKind
from sendtrack.portal.timeline_selectors import (
    Step,
    build_step,
    child_name,
    status_on,
    step_key,
    who_resolver,
)

# A completed step is news for two weeks; older completions are not emailed (e.g. on the first run).
COMPLETED_NEWS_DAYS = 14
# "Nothing has changed" goes out after 4 weeks without an event or an email.
QUIET_DAYS = 28
# Overdue is a breach for every rule but this one, which is only a risk (see the statutory rules).
NOT_EMAILED_WHEN_OVERDUE = frozenset({"plan_decision_refusal"})
SUBJECT = "An update about an EHC plan from the SEND service"

WhoFor = Callable[[Milestone], str]


@dataclass
class UpdateCounts:
    milestone_completed: int = 0
    milestone_overdue: int = 0
    no_change: int = 0
    emails: list[tuple[str, str]] = field(default_factory=list)  # (address, body), for --dry-run

    @property
    def total(self) -> int:
        return self.milestone_completed + self.milestone_overdue + self.no_change


def site_url() -> str:
    return str(getattr(settings, "SITE_URL", "http://localhost:8000")).rstrip("/")


def _due_emails(
    *,
    case: Case,
    as_of: dt.date,
    sent: set[tuple[str, str]],
    last_news: dt.date | None,
    who_by_case: dict[int, WhoFor],
) -> list[tuple[str, str, list[Step]]]:
    """(kind, key, steps) for each email this family member should get about this case today."""
    name = child_name(case)
    completed, overdue, still_open = [], [], []
    for milestone in case.milestones.all():
        status, _ = status_on(milestone, as_of)
        key = step_key(milestone)
        if status in ("pending", "overdue") and milestone.rule_name not in NOT_EMAILED_WHEN_OVERDUE:
            still_open.append(milestone)
        if (
            status in ("met", "late")
            and milestone.completed is not None
            and as_of - dt.timedelta(days=COMPLETED_NEWS_DAYS) < milestone.completed <= as_of
            and (NotificationKind.MILESTONE_COMPLETED, key) not in sent
        ):
            completed.append((key, milestone))
        if (
            status == "overdue"
            and milestone.rule_name not in NOT_EMAILED_WHEN_OVERDUE
            and (NotificationKind.MILESTONE_OVERDUE, key) not in sent
        ):
            overdue.append((key, milestone))
    found: list[tuple[str, str, list[Step]]] = []
    for kind, items in (
        (NotificationKind.MILESTONE_COMPLETED, completed),
        (NotificationKind.MILESTONE_OVERDUE, overdue),
    ):
        for key, milestone in items:
            found.append((kind, key, [_step(milestone, name, as_of, case, who_by_case)]))
    if not found and still_open and (last_news is None or (as_of - last_news).days >= QUIET_DAYS):
        next_one = min(still_open, key=lambda m: m.due)
        step = _step(next_one, name, as_of, case, who_by_case)
        found.append((NotificationKind.NO_CHANGE, as_of.isoformat(), [step]))
    return found


def _step(
    milestone: Milestone, name: str, as_of: dt.date, case: Case, who_by_case: dict[int, WhoFor]
) -> Step:
    """Only cases with news pay for naming who must act."""
    who_for = who_by_case.get(case.pk)
    if who_for is None:
        who_for = who_by_case[case.pk] = who_resolver(case)
    return build_step(milestone, name=name, who=who_for(milestone), as_of=as_of)


def _last_news(
    last_event_on: dt.date | None, link: FamilyLink, notified: list[dt.date], as_of: dt.date
) -> dt.date:
    dates = [link.started_on, *notified]
    if last_event_on is not None:
        dates.append(min(last_event_on, as_of))
    return max(dates)


def send_family_updates(
    *, as_of: dt.date, area: LocalArea | None = None, dry_run: bool = False
) -> UpdateCounts:
    """Email every linked family member what is new about their child's cases as of `as_of`."""
    counts = UpdateCounts()
    links = FamilyLink.objects.current().filter(user__is_active=True).select_related("user", "person")
    if area is not None:
        links = links.filter(person__local_area=area)
    links_by_person: dict[int, list[FamilyLink]] = {}
    for link in links:
        links_by_person.setdefault(link.person_id, []).append(link)
    cases = (
        Case.objects.filter(person_id__in=links_by_person)
        .select_related("person")
        .prefetch_related("milestones__organisation")
        .annotate(last_event_on=Max("events__date"))
    )
    history: dict[tuple[int, int], list[FamilyNotification]] = {}
    who_by_case: dict[int, WhoFor] = {}
    for note in FamilyNotification.objects.filter(case__in=cases):
        history.setdefault((note.user_id, note.case_id), []).append(note)
    for case in cases:
        for link in links_by_person[case.person_id]:
            notes = history.get((link.user_id, case.pk), [])
            sent = {(n.kind, n.milestone_key) for n in notes}
            notified = [n.as_of for n in notes if n.as_of <= as_of]
            last_news = _last_news(case.last_event_on, link, notified, as_of)
            due = _due_emails(case=case, as_of=as_of, sent=sent, last_news=last_news, who_by_case=who_by_case)
            for kind, key, steps in due:
                body = _body(kind=kind, case=case, user=link.user, steps=steps, as_of=as_of)
                setattr(counts, kind, getattr(counts, kind) + 1)
                counts.emails.append((link.user.email, body))
                if not dry_run:
                    _record_and_send(user=link.user, case=case, kind=kind, key=key, as_of=as_of, body=body)
    return counts


def case_link(case: Case) -> str:
    return site_url() + reverse("portal:family-case", args=[case.case_ref])


def _body(*, kind: str, case: Case, user: User, steps: list[Step], as_of: dt.date) -> str:
    return render_to_string(
        "portal/email/update.txt",
        {
            "kind": kind,
            "name": child_name(case),
            "recipient": user,
            "steps": steps,
            "as_of": as_of,
            "link": site_url() + reverse("portal:family-case", args=[case.case_ref]),
        },
    )


@transaction.atomic
def _record_and_send(*, user: User, case: Case, kind: str, key: str, as_of: dt.date, body: str) -> None:
    _, created = FamilyNotification.objects.get_or_create(
        user=user, case=case, kind=kind, milestone_key=key, defaults={"as_of": as_of}
    )
    if created:
        message = Message(
            kind=MessageKind.FAMILY_UPDATE,
            subject=SUBJECT,
            body=body,
            email=user.email,
            fields={"name": user.full_name, "link": case_link(case)},
        )
        send_after_commit(message, user=user, area=case.local_area)
