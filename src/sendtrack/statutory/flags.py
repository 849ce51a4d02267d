"""Integrity flags: things in a case's record that a manager should look at, each with a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sendtrack.statutory.dates import days_between, format_date
from sendtrack.statutory.journeys import Draft, Journey
from sendtrack.statutory.labels import agency_label, join_words, lower_first
from sendtrack.statutory.rules import (
    ADVISERS,
    DRAFT_COMMENT_CITATION,
    DRAFT_COMMENT_PERIOD,
    PANEL_AGENCIES,
    PANEL_QUORUM,
)

FINAL_BEFORE_ADVICE = "final_before_advice"
SHORT_DRAFT_PERIOD = "short_draft_period"
REVIEW_WITHOUT_DECISION = "review_without_decision"
DECISION_WITHOUT_PANEL = "decision_without_panel"
NO_SOCIAL_CARE_ADVICE = "no_social_care_advice"
MEDIATION_OR_APPEAL = "mediation_or_appeal"

FLAG_CODES: tuple[str, ...] = (
    FINAL_BEFORE_ADVICE,
    SHORT_DRAFT_PERIOD,
    REVIEW_WITHOUT_DECISION,
    DECISION_WITHOUT_PANEL,
    NO_SOCIAL_CARE_ADVICE,
    MEDIATION_OR_APPEAL,
)
_FLAG_RANK = {code: rank for rank, code in enumerate(FLAG_CODES)}

_DECISION_WORDS = {
    ("assessment_decision", "assess"): "decision to assess",
    ("assessment_decision", "refuse"): "decision not to assess",
    ("plan_decision", "issue"): "decision to issue a plan",
    ("plan_decision", "refuse"): "decision not to issue a plan",
}


@dataclass(slots=True)
class Flag:
    """One integrity flag: a stable `code`, the date it is about, and one plain sentence."""

    code: str
    date: date
    explanation: str


def journey_flags(journey: Journey, flags: list[Flag]) -> None:
    """Append the flags of one request's journey to `flags`."""
    final = journey.final
    if final is not None:
        outstanding = [
            d
            for d in journey.advice
            if d.event_date <= final and (d.completed is None or d.completed > final)
        ]
        if outstanding:
            pending = join_words(
                [f"{d.waiting_on} (asked for on {format_date(d.event_date)})" for d in outstanding]
            )
            flags.append(
                Flag(
                    FINAL_BEFORE_ADVICE,
                    final,
                    f"The final plan was issued on {format_date(final)} "
                    f"before advice had arrived from {pending}.",
                )
            )
        draft = journey.draft_before_final
        if draft is not None and final < DRAFT_COMMENT_PERIOD.due(draft):
            flags.append(
                Flag(
                    SHORT_DRAFT_PERIOD,
                    final,
                    f"The final plan was issued on {format_date(final)}, "
                    f"{days_between(draft, final)} days after the draft of {format_date(draft)}, "
                    "so the family had less than "
                    f"{DRAFT_COMMENT_PERIOD.count} days to comment ({DRAFT_COMMENT_CITATION}).",
                )
            )
    for decision in journey.decisions:
        panel = decision.fields.get("panel")
        if panel is None:
            continue
        missing = [lower_first(agency_label(a)) for a in PANEL_AGENCIES if a not in panel]
        if len(PANEL_AGENCIES) - len(missing) < PANEL_QUORUM:
            assert decision.date is not None
            what = _DECISION_WORDS[(decision.type, decision.fields["outcome"])]
            flags.append(
                Flag(
                    DECISION_WITHOUT_PANEL,
                    decision.date,
                    f"The {what} on {format_date(decision.date)} "
                    f"was made without {join_words(missing)} on the panel.",
                )
            )
    assessment = journey.assessment
    if (
        assessment is not None
        and assessment.fields["outcome"] == "assess"
        and journey.advice
        and not any(d.key == "advice:social_care" for d in journey.advice)
    ):
        assert assessment.date is not None
        flags.append(
            Flag(
                NO_SOCIAL_CARE_ADVICE,
                assessment.date,
                f"The local authority decided on {format_date(assessment.date)} to assess "
                f"and asked for advice, but not from {ADVISERS['social_care']}.",
            )
        )
    challenge = journey.challenge
    if challenge is not None:
        assert challenge.date is not None
        what = (
            "Mediation started"
            if challenge.type == "mediation"
            else "An appeal was registered with the tribunal"
        )
        flags.append(
            Flag(
                MEDIATION_OR_APPEAL,
                challenge.date,
                f"{what} on {format_date(challenge.date)}, before the final plan of the request of "
                f"{format_date(journey.received)}; the request still counts in every time-limit "
                "measure, as the DfE counts it.",
            )
        )


def review_flags(review_drafts: list[Draft], as_of: date, flags: list[Flag]) -> None:
    """Append a flag for each review meeting still without a decision after the time allowed."""
    for draft in review_drafts:
        if draft.completed is None and draft.closed is None and as_of > draft.due:
            flags.append(
                Flag(
                    REVIEW_WITHOUT_DECISION,
                    draft.start,
                    f"No decision has been recorded after the review meeting on {format_date(draft.start)}; "
                    f"it was due by the end of {format_date(draft.due)}.",
                )
            )


def sort_flags(flags: list[Flag]) -> None:
    flags.sort(key=lambda f: (f.date, _FLAG_RANK[f.code]))
