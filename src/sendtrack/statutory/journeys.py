"""The working state of one derivation: milestones in the making, and each request's journey.

These records live only while `engine.derive` walks a case; `flags.py` reads them afterwards.
"""

from __future__ import annotations

from datetime import date

from sendtrack.statutory.events import Event
from sendtrack.statutory.rules import LOCAL_AUTHORITY, Rule, rule_for


class Draft:
    """A milestone being worked out: its start and due date, and what completed or closed it."""

    __slots__ = (
        "rule",
        "key",
        "start",
        "due",
        "anchor",
        "anchor_words",
        "completed",
        "closed",
        "closed_why",
        "journey",
        "education_advice",
        "waiting_on",
        "event_date",
    )

    def __init__(
        self,
        rule: Rule,
        key: str,
        start: date,
        due: date,
        anchor: date,
        anchor_words: str,
        journey: Journey | None,
        waiting_on: str,
        event_date: date,
    ) -> None:
        self.rule = rule
        self.key = key
        self.start = start
        self.due = due
        self.anchor = anchor
        self.anchor_words = anchor_words
        self.completed: date | None = None
        self.closed: date | None = None
        self.closed_why = ""
        # The journey's label and its advice requests to education, not the journey itself:
        # a journey holds its drafts, and a reference back would make every case a cycle.
        self.journey = journey.label if journey is not None else None
        self.education_advice = journey.education_advice if journey is not None else None
        self.waiting_on = waiting_on
        self.event_date = event_date

    def close(self, on: date, why: str) -> None:
        """Stop the rule applying from `on` (it becomes not_applicable unless completed by then)."""
        if self.closed is None and (self.completed is None or self.completed > on):
            self.closed = on
            self.closed_why = why


def close(draft: Draft | None, day: date, why: str) -> None:
    """Close `draft` on `day`, if there is one (see `Draft.close`)."""
    if draft is not None:
        draft.close(day, why)


class Journey:
    """One request for assessment and the events that belong to it, up to the next request."""

    __slots__ = (
        "received",
        "label",
        "assessment",
        "assessment_draft",
        "refusal_draft",
        "final_draft",
        "plan_settled",
        "final",
        "draft_before_final",
        "last_draft",
        "withdrawn",
        "challenge",
        "advice",
        "advice_open",
        "settings_open",
        "education_advice",
        "decisions",
    )

    def __init__(self, received: date) -> None:
        self.received = received
        self.label = received.isoformat()
        self.assessment: Event | None = None
        self.assessment_draft: Draft | None = None
        self.refusal_draft: Draft | None = None
        self.final_draft: Draft | None = None
        self.plan_settled = False
        self.final: date | None = None
        self.draft_before_final: date | None = None
        self.last_draft: date | None = None
        self.withdrawn: date | None = None
        self.challenge: Event | None = None
        self.advice: list[Draft] = []
        self.advice_open: dict[str, list[Draft]] = {}
        self.settings_open: dict[str, list[Draft]] = {}
        self.education_advice: list[tuple[date, str | None]] = []
        self.decisions: list[Event] = []


class Review:
    """One review meeting of a plan and what followed it."""

    __slots__ = ("meeting", "decision_draft", "outcome", "first_notice", "notice_draft")

    def __init__(self, meeting: date, decision_draft: Draft | None) -> None:
        self.meeting = meeting
        self.decision_draft = decision_draft
        self.outcome: str | None = None
        self.first_notice: date | None = None
        self.notice_draft: Draft | None = None


class Walk:
    """The state of one walk through a case's events: the drafts so far, each journey, the plan."""

    __slots__ = (
        "drafts",
        "journeys",
        "plan",
        "plan_periods",
        "annual",
        "reviews",
        "review_drafts",
        "amended_open",
        "phase_completions",
        "transfers",
        "journey",
        "plan_request",
        "opened",
    )

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.journeys: list[Journey] = []
        self.journey: Journey | None = None  # the request the events now walked belong to
        self.plan = "none"  # "none" (never had a plan), "open", "ceased"
        self.plan_request: Journey | None = None  # the request whose final plan made the plan
        self.opened: set[tuple[str, date, str | None]] = set()  # (key, start, journey) of each draft
        self.plan_periods: list[list[date | None]] = []
        self.annual: Draft | None = None
        self.reviews: list[Review] = []
        self.review_drafts: list[Draft] = []
        self.amended_open: list[Draft] = []
        self.phase_completions: list[date] = []
        self.transfers: list[Event] = []

    def add(
        self,
        name: str,
        anchor: date,
        anchor_words: str,
        journey: Journey | None,
        *,
        key: str | None = None,
        selector: str | None = None,
        waiting_on: str = LOCAL_AUTHORITY,
        event_date: date | None = None,
    ) -> Draft | None:
        """Open a milestone of rule `name` anchored on `anchor` (the date of its starting event).

        The due date is the rule's period from the anchor; the start is the anchor too, unless the
        rule starts some time before it (the phase transfer review). Returns None when no rule of
        that name was in force on the anchor date, and when the request or plan already has a
        milestone of the same rule and start (docs/spec/case-events.md §4: never two of them).
        """
        rule = rule_for(name, anchor, selector)
        if rule is None:
            return None
        start = anchor if rule.starts_before is None else rule.starts_before.due(anchor)
        key = key or name
        identity = (key, start, journey.label if journey is not None else None)
        if identity in self.opened:
            return None
        self.opened.add(identity)
        draft = Draft(
            rule,
            key,
            start,
            rule.period.due(anchor),
            anchor,
            anchor_words,
            journey,
            waiting_on,
            event_date or anchor,
        )
        self.drafts.append(draft)
        return draft

    def withdraw_last(self) -> None:
        """Take back the draft `add` opened last (a milestone that turned out not to apply)."""
        draft = self.drafts.pop()
        self.opened.discard((draft.key, draft.start, draft.journey))
