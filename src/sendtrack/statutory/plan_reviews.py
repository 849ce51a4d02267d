"""How the plan-level rules find their start and completion: annual review, review decision,
amendment notice, amended plan and phase transfer review (docs/spec/case-events.md §2).

They run off the plan's events, whichever request led to the plan, and stop at `plan_ceased`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from datetime import date

from sendtrack.statutory.events import Event
from sendtrack.statutory.journeys import Review, Walk, close


def _plan_final_issued(walk: Walk, event: Event, day: date) -> None:
    """A final plan: a new plan, or a re-issue of the one the same request made (docs/spec/case-events.md §4).

    A re-issue (a corrected or re-sent final plan) does not restart the annual review clock, which
    runs from the date the plan was first made, then from each review meeting (CFA 2014 s.44(1)).
    """
    if walk.plan == "open":
        if walk.journey is not None and walk.plan_request is walk.journey:
            return
        if walk.annual is not None and walk.annual.start == day:
            return
        close(walk.annual, day, "a new plan was issued on")
    else:
        walk.plan = "open"
        walk.plan_periods.append([day, None])
    walk.plan_request = walk.journey
    walk.annual = walk.add("annual_review", day, "the final plan issued on", None)


def _plan_review_meeting(walk: Walk, event: Event, day: date) -> None:
    """A review meeting, unless it is one already recorded on that date (docs/spec/case-events.md §4)."""
    if walk.plan == "ceased" or (walk.reviews and walk.reviews[-1].meeting == day):
        return
    if walk.plan == "none":  # a plan made before the records began
        walk.plan = "open"
        walk.plan_periods.append([day, None])
    annual = walk.annual
    if annual is None or annual.start != day:  # else the plan was made that day: its clock runs
        if annual is not None:
            annual.completed = day
        walk.annual = walk.add("annual_review", day, "the review meeting on", None)
    decision = walk.add("review_decision", day, "the review meeting on", None)
    if decision is not None:
        walk.review_drafts.append(decision)
    walk.reviews.append(Review(day, decision))


def _plan_review_decision(walk: Walk, event: Event, day: date) -> None:
    if walk.plan != "open":
        return
    outcome: str = event.fields["outcome"]
    if outcome == "maintain":
        walk.phase_completions.append(day)
    if not walk.reviews or walk.reviews[-1].outcome is not None:
        return
    review = walk.reviews[-1]
    review.outcome = outcome
    if review.decision_draft is not None:
        review.decision_draft.completed = day
    if outcome == "amend":
        notice = walk.add("amendment_notice", review.meeting, "the review meeting on", None)
        if notice is not None:
            notice.completed = review.first_notice
        review.notice_draft = notice


def _plan_amendment_notice(walk: Walk, event: Event, day: date) -> None:
    if walk.plan != "open":
        return
    if walk.reviews:
        review = walk.reviews[-1]
        if review.first_notice is None:
            review.first_notice = day
            if review.notice_draft is not None and review.notice_draft.completed is None:
                review.notice_draft.completed = day
    draft = walk.add("amended_plan", day, "the amendment notice sent on", None)
    if draft is not None:
        walk.amended_open.append(draft)


def _plan_amendment_done(walk: Walk, event: Event, day: date) -> None:
    if walk.plan != "open":
        return
    for draft in walk.amended_open:
        draft.completed = day
    walk.amended_open.clear()
    if event.type == "amended_plan_issued":
        walk.phase_completions.append(day)


def _plan_transfer(walk: Walk, event: Event, day: date) -> None:
    walk.transfers.append(event)


def _plan_ceased(walk: Walk, event: Event, day: date) -> None:
    if walk.plan != "open":
        return
    walk.plan = "ceased"
    walk.plan_periods[-1][1] = day
    why = "the plan ceased on"
    close(walk.annual, day, why)
    for review in walk.reviews:
        close(review.decision_draft, day, why)
        close(review.notice_draft, day, why)
    for draft in walk.amended_open:
        draft.close(day, why)
    walk.annual = None
    walk.reviews.clear()
    walk.amended_open.clear()


PLAN_HANDLERS: dict[str, Callable[[Walk, Event, date], None]] = {
    "final_plan_issued": _plan_final_issued,
    "review_meeting": _plan_review_meeting,
    "review_decision": _plan_review_decision,
    "amendment_notice": _plan_amendment_notice,
    "amended_plan_issued": _plan_amendment_done,
    "amendment_withdrawn": _plan_amendment_done,
    "phase_transfer": _plan_transfer,
    "plan_ceased": _plan_ceased,
}


def add_phase_transfers(walk: Walk) -> None:
    """A phase transfer review for each transfer, if the person has a plan in its period."""
    if not walk.transfers or not walk.plan_periods:
        return
    completions = walk.phase_completions
    completions.sort()
    for event in walk.transfers:
        transfer = event.date
        assert transfer is not None
        draft = walk.add(
            "phase_transfer_review", transfer, "the transfer on", None, selector=event.fields["kind"]
        )
        if draft is None:
            continue
        plan = _plan_during(walk.plan_periods, draft.start, draft.due)
        if plan is None:
            walk.withdraw_last()
            continue
        at = bisect_left(completions, draft.start)
        if at < len(completions):
            draft.completed = completions[at]
        ceased = plan[1]
        if ceased is not None:
            draft.close(ceased, "the plan ceased on")


def _plan_during(periods: list[list[date | None]], start: date, due: date) -> list[date | None] | None:
    """The plan maintained at `start`, or failing that the first one issued by `due`."""
    for period in periods:
        issued, ceased = period
        assert issued is not None
        if issued <= due and (ceased is None or ceased >= start):
            return period
    return None
