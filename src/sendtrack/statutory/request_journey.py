"""How the rules of a request's journey find their start and completion (docs/spec/case-events.md §2).

Each `request_received` opens a journey; the events up to the next request belong to it. The
periods and citations come from rules.py; this module only says which event starts, completes or
closes which milestone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sendtrack.statutory.events import Event
from sendtrack.statutory.journeys import Journey, Walk, close
from sendtrack.statutory.rules import ADVISERS

_NEW_REQUEST = "the request received on"


def open_journey(walk: Walk, day: date) -> Journey:
    """Start a request's journey: its decision, refusal-to-issue and final plan limits.

    A second request received on the day the current one was is the same request: a request's
    milestones are known by their start, and no rule may have two with the same start.
    """
    current = walk.journey
    if current is not None and current.received == day:
        return current
    journey = Journey(day)
    walk.journey = journey
    walk.journeys.append(journey)
    journey.assessment_draft = walk.add("assessment_decision", day, _NEW_REQUEST, journey)
    journey.refusal_draft = walk.add("plan_decision_refusal", day, _NEW_REQUEST, journey)
    journey.final_draft = walk.add("final_plan", day, _NEW_REQUEST, journey)
    return journey


def _on_assessment_decision(walk: Walk, journey: Journey, event: Event, day: date) -> None:
    journey.decisions.append(event)
    if journey.assessment is not None:
        return
    journey.assessment = event
    if journey.assessment_draft is not None:
        journey.assessment_draft.completed = day
    if event.fields["outcome"] == "refuse":
        why = "the local authority decided not to assess on"
        close(journey.refusal_draft, day, why)
        close(journey.final_draft, day, why)
        journey.plan_settled = True


def _on_advice_requested(walk: Walk, journey: Journey, event: Event, day: date) -> None:
    adviser: str = event.fields["from"]
    received: date | None = event.fields.get("received")
    who = ADVISERS[adviser]
    if received is None:
        words = f"the request for advice sent to {who} on"
        anchor = day
    else:
        words = f"the day {who} received the request for advice,"
        anchor = received
    draft = walk.add(
        "advice",
        anchor,
        words,
        journey,
        key=f"advice:{adviser}",
        selector=adviser,
        waiting_on=who,
        event_date=day,
    )
    if draft is not None:
        journey.advice.append(draft)
        journey.advice_open.setdefault(adviser, []).append(draft)
    if adviser == "education":
        journey.education_advice.append((day, event.fields.get("setting_type")))


def _on_advice_received(walk: Walk, journey: Journey, event: Event, day: date) -> None:
    waiting = journey.advice_open.get(event.fields["from"])
    if waiting:
        waiting.pop(0).completed = day


def _settle_plan_decision(journey: Journey, day: date, why: str) -> None:
    if not journey.plan_settled:
        journey.plan_settled = True
        close(journey.refusal_draft, day, why)


def _on_plan_decision(walk: Walk, journey: Journey, event: Event, day: date) -> None:
    journey.decisions.append(event)
    if journey.plan_settled:
        return
    if event.fields["outcome"] == "refuse":
        journey.plan_settled = True
        if journey.refusal_draft is not None:
            journey.refusal_draft.completed = day
        close(journey.final_draft, day, "the local authority decided not to issue a plan on")
    else:
        _settle_plan_decision(journey, day, "the local authority decided to issue a plan on")


def _on_draft_plan(walk: Walk, journey: Journey, event: Event, day: date) -> None:
    journey.last_draft = day
    _settle_plan_decision(journey, day, "a draft plan was issued on")


def _on_final_plan(walk: Walk, journey: Journey, event: Event, day: date) -> None:
    _settle_plan_decision(journey, day, "a final plan was issued on")
    if journey.final is None:
        journey.final = day
        journey.draft_before_final = journey.last_draft
        if journey.final_draft is not None:
            journey.final_draft.completed = day


def _on_setting_consulted(walk: Walk, journey: Journey, event: Event, day: date) -> None:
    setting: str = event.fields["setting"]
    draft = walk.add(
        "setting_response",
        day,
        f"consulting setting {setting} on",
        journey,
        key=f"setting_response:{setting}",
        waiting_on=setting,
    )
    if draft is not None:
        journey.settings_open.setdefault(setting, []).append(draft)


def _on_setting_responded(walk: Walk, journey: Journey, event: Event, day: date) -> None:
    waiting = journey.settings_open.get(event.fields["setting"])
    if waiting:
        waiting.pop(0).completed = day


def _on_request_withdrawn(walk: Walk, journey: Journey, event: Event, day: date) -> None:
    journey.withdrawn = day
    why = "the request was withdrawn on"
    close(journey.assessment_draft, day, why)
    close(journey.refusal_draft, day, why)
    close(journey.final_draft, day, why)
    for drafts in (journey.advice, *journey.settings_open.values()):
        for draft in drafts:
            draft.close(day, why)


def _on_challenge(walk: Walk, journey: Journey, event: Event, day: date) -> None:
    if journey.challenge is None and journey.final is None:
        journey.challenge = event


REQUEST_HANDLERS: dict[str, Callable[[Walk, Journey, Event, date], None]] = {
    "assessment_decision": _on_assessment_decision,
    "advice_requested": _on_advice_requested,
    "advice_received": _on_advice_received,
    "plan_decision": _on_plan_decision,
    "draft_plan_issued": _on_draft_plan,
    "final_plan_issued": _on_final_plan,
    "setting_consulted": _on_setting_consulted,
    "setting_responded": _on_setting_responded,
    "request_withdrawn": _on_request_withdrawn,
    "mediation": _on_challenge,
    "tribunal_appeal": _on_challenge,
}
