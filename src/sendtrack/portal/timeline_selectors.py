"""The family's timeline: each request and plan, where it stands and what happens next, in plain words.

Built from the case's Milestone rows (which casework derives from the events) and its events. A
milestone's status is judged again against `as_of`, so a step that fell due since the last refresh
already reads as late.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sendtrack.accounts.models import Organisation
from sendtrack.casework.models import Case, CaseEvent, Milestone
from sendtrack.portal import words_renderer as words
from sendtrack.statutory.rules import ADVISERS, EXCEPTION_REASONS

# Who was asked for advice, by agency and the date asked (None: any date), from the events.
NamedAdvisers = dict[tuple[str, dt.date | None], str]
OPEN = ("pending", "overdue")


@dataclass
class Step:
    """One deadline, as a family reads it."""

    key: str
    title: str
    status: str  # met, late, overdue, pending, not_applicable (as of the day shown)
    tag: str
    tag_colour: str
    sentences: list[str]
    due: dt.date
    completed: dt.date | None
    days_late: int
    waiting_for: str
    citation: str
    explanation: str
    exception_sentences: list[str] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_late(self) -> bool:
        return self.status in ("overdue", "late")


@dataclass
class Happening:
    day: dt.date
    text: str


@dataclass
class Journey:
    """A request for assessment (and what followed it), or the plan and its reviews."""

    key: str
    heading: str
    summary: str
    steps: list[Step]

    @property
    def next_step(self) -> Step | None:
        open_steps = [s for s in self.steps if s.is_open]
        return min(open_steps, key=lambda s: s.due) if open_steps else None

    @property
    def late_steps(self) -> list[Step]:
        return [s for s in self.steps if s.status == "overdue"]


@dataclass
class FamilyTimeline:
    case: Case
    name: str
    as_of: dt.date
    journeys: list[Journey]
    happenings: list[Happening]


def child_name(case: Case) -> str:
    return case.person.given_name or "your child"


def status_on(milestone: Milestone, as_of: dt.date) -> tuple[str, int]:
    """The milestone's status and days late as of `as_of` (open milestones move with the clock)."""
    if milestone.completed is not None or milestone.status not in OPEN:
        return milestone.status, milestone.days_late
    late = (as_of - milestone.due).days
    return ("overdue", late) if late > 0 else ("pending", 0)


def current_events(case: Case) -> list[CaseEvent]:
    """The events that stand: corrected and removed events are left out."""
    events = list(case.events.select_related("organisation").order_by("date", "position", "pk"))
    superseded = {e.supersedes_id for e in events if e.supersedes_id}
    return [e for e in events if e.pk not in superseded and e.type != CaseEvent.REMOVED]


def _named_advisers(events: list[CaseEvent]) -> NamedAdvisers:
    """(adviser kind, request date) -> the organisation asked, from the advice requests."""
    named: dict[tuple[str, dt.date | None], str] = {}
    for event in events:
        if event.type != "advice_requested":
            continue
        who = event.organisation.name if event.organisation else str(event.data.get("to") or "")
        if who:
            named[(str(event.data.get("from")), event.date)] = who
            named.setdefault((str(event.data.get("from")), None), who)
    return named


def _setting_names(case: Case, events: list[CaseEvent]) -> dict[str, str]:
    codes = {str(e.data.get("setting")) for e in events if e.data.get("setting")}
    if not codes:
        return {}
    found = Organisation.objects.filter(local_area_id=case.local_area_id, urn__in=codes).values_list(
        "urn", "name"
    )
    return dict(found)


def _who(milestone: Milestone, advisers: NamedAdvisers, settings_named: dict[str, str]) -> str:
    kind, _, detail = milestone.rule.partition(":")
    if kind == "advice":
        return (
            advisers.get((detail, milestone.start))
            or advisers.get((detail, None))
            or words.WHO.get(milestone.waiting_on, words.WHO.get(detail, "the adviser"))
        )
    if kind == "setting_response":
        return settings_named.get(detail, detail or "the school or college")
    return words.WHO.get(milestone.waiting_on, milestone.waiting_on or "the council")


def who_resolver(case: Case, events: list[CaseEvent] | None = None) -> Callable[[Milestone], str]:
    """A function naming who must act on a milestone of `case` (2 queries, once per case)."""
    events = current_events(case) if events is None else events
    advisers = _named_advisers(events)
    settings_named = _setting_names(case, events)
    return lambda milestone: _who(milestone, advisers, settings_named)


def _exception_sentences(milestone: Milestone) -> list[str]:
    sentences = []
    for found in milestone.exceptions or []:
        reason = EXCEPTION_REASONS.get(found.get("reason", ""))
        because = reason.words if reason else "of a reason the law allows"
        start, end = found.get("start"), found.get("end")
        period = ""
        if start and end:
            period = (
                f" from {words.date_words(dt.date.fromisoformat(str(start)[:10]))}"
                f" to {words.date_words(dt.date.fromisoformat(str(end)[:10]))}"
            )
        citation = words.citation_words(str(found.get("citation", "")))
        sentences.append(
            f"The usual time limit does not have to be met because {because}{period}"
            + (f" ({citation})." if citation else ".")
        )
    return sentences


def build_step(milestone: Milestone, *, name: str, who: str, as_of: dt.date) -> Step:
    status, days_late = status_on(milestone, as_of)
    title, duty, after = words.STEPS.get(
        milestone.rule_name, (milestone.rule_name.replace("_", " ").capitalize(), "This must be done", "")
    )
    advice = words.advice_words(milestone.rule.partition(":")[2]) if milestone.rule_name == "advice" else ""
    fill = {
        "name": name,
        "who": who,
        "Who": words.capitalise(who),
        "advice": advice,
        "Advice": words.capitalise(advice),
    }
    title, duty = title.format(**fill), duty.format(**fill)
    citation = words.citation_words(milestone.citation)
    # In the sentence, only the source itself; the full citation is under "How this date was worked out".
    short = words.citation_words(milestone.citation.split(" (")[0])
    if milestone.basis == "guidance":
        short = f"guidance, not law: {short}"
    due = words.date_words(milestone.due)
    selector = milestone.rule.partition(":")[2] or None
    period = words.period_words(milestone.rule_name, milestone.start, selector)
    sentences: list[str] = []
    if status == "pending":
        sentences.append(f"{duty} by {due}.")
        if period and after:
            sentences.append(f"This is {period} {after} ({short}).")
        else:
            sentences.append(f"The law: {short}.")
        tag, colour = "Waiting", "blue"
    elif status == "overdue":
        subject = "The council" if who == "the council" else words.capitalise(who)
        sentences.append(
            f"{subject} is late. This was due on {due}. It is {words.days_words(days_late)} late."
        )
        sentences.append(f"{duty} by {due} ({short}).")
        tag, colour = "Late", "red"
    elif status == "met":
        assert milestone.completed is not None
        sentences.append(f"Done on {words.date_words(milestone.completed)}. This was on time (due by {due}).")
        tag, colour = "Done", "green"
    elif status == "late":
        assert milestone.completed is not None
        sentences.append(
            f"Done on {words.date_words(milestone.completed)}. This was late: it was due on {due}. "
            f"It was {words.days_words(days_late)} late."
        )
        tag, colour = "Done late", "orange"
    else:
        sentences.append("This step does not apply any more.")
        tag, colour = "Does not apply", "grey"
    return Step(
        key=step_key(milestone),
        title=title,
        status=status,
        tag=tag,
        tag_colour=colour,
        sentences=sentences,
        due=milestone.due,
        completed=milestone.completed,
        days_late=days_late,
        waiting_for=words.capitalise(who) if status in OPEN else "",
        citation=citation,
        explanation=milestone.explanation_text,
        exception_sentences=_exception_sentences(milestone),
    )


def step_key(milestone: Milestone) -> str:
    """A milestone's identity across refreshes: its rule, journey and start."""
    return f"{milestone.rule}|{milestone.journey or 'plan'}|{milestone.start.isoformat()}"


def _happenings(events: list[CaseEvent], name: str, advisers: NamedAdvisers) -> list[Happening]:
    found = []
    for event in events:
        if event.date is None:
            continue
        outcome = words.OUTCOME_WORDS.get((event.type, str(event.data.get("outcome", ""))))
        text = outcome or words.EVENT_WORDS.get(event.type)
        if text is None:
            continue
        adviser = str(event.data.get("from", ""))
        named = event.organisation.name if event.organisation else ""
        if event.type in ("setting_consulted", "setting_responded"):
            who = named or "a school or college"
        else:
            who = (
                named
                or advisers.get((adviser, None))
                or words.WHO.get(ADVISERS.get(adviser, ""), "an adviser")
            )
        advice = words.advice_words(adviser)
        fill = {"name": name, "who": who, "Who": words.capitalise(who), "advice": advice}
        found.append(Happening(event.date, text.format(**fill, Advice=words.capitalise(advice))))
    return list(reversed(found))


def family_timeline(case: Case, *, as_of: dt.date) -> FamilyTimeline:
    """Every request and the plan of `case`, newest first, with steps in date order."""
    name = child_name(case)
    events = current_events(case)
    advisers = _named_advisers(events)
    who_for = who_resolver(case, events)
    milestones = list(case.milestones.select_related("organisation").order_by("position", "pk"))
    groups: dict[str, list[Step]] = {}
    for milestone in milestones:
        if milestone.rule_name == "plan_decision_refusal" and milestone.status == "not_applicable":
            continue  # a safeguard that never came into play: only noise for a family
        who = who_for(milestone)
        key = milestone.journey.isoformat() if milestone.journey else "plan"
        groups.setdefault(key, []).append(build_step(milestone, name=name, who=who, as_of=as_of))
    request_keys = sorted((k for k in groups if k != "plan"), reverse=True)
    journeys = []
    if "plan" in groups:
        journeys.append(
            Journey("plan", f"{name}'s EHC plan", "Reviews and changes to the plan.", groups["plan"])
        )
    for index, key in enumerate(request_keys):
        received = dt.date.fromisoformat(key)
        summary = (
            words.STAGE_WORDS.get(case.stage, "").format(name=name)
            if index == 0
            else "This request has finished."
        )
        journeys.append(
            Journey(
                key,
                f"Request for an EHC needs assessment, {words.date_words(received)}",
                summary,
                groups[key],
            )
        )
    if len(request_keys) and journeys[0].key == "plan" and case.stage not in ("final_issued", "no_request"):
        journeys.append(journeys.pop(0))  # an open request comes first
    return FamilyTimeline(case, name, as_of, journeys, _happenings(events, name, advisers))
