"""One Person of a SEN2 return as the events of a case file (docs/spec/case-events.md). No Django.

Every `Requests` element opens a journey; its outcomes, plan, reviews, phase transfer and
cessation become the events the statutory engine reads. Where the return gives a fact without its
date, the choice made is in docs/sen2-choices.md ("Bringing a return in").
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sendtrack.interchange.sen2 import CEASE_REASONS, ETHNICITY_CODES, SEN_TYPES
from sendtrack.interchange.sen2_fields import (
    ASSESSMENT_OUTCOMES,
    FLAG,
    REQUEST_OUTCOMES,
    REVIEW_OUTCOMES,
    SOURCES,
    ULN,
    UPN,
    UPN_UNKNOWN,
    Fields,
    Header,
    Problem,
    iso,
    ranked,
    setting_code,
)
from sendtrack.statutory.dates import months_before

SEN2_EXCEPTION = "recorded_in_sen2"


class PersonReader:
    """One Person element to a person object and its events."""

    def __init__(self, header: Header, problems: list[Problem]) -> None:
        self.header = header
        self.read = Fields(problems)

    def person(self, element: Any) -> dict[str, Any]:
        read = self.read
        person: dict[str, Any] = {
            "family_name": read.text(element, "Surname", required=True),
            "given_name": read.text(element, "Forename", required=True),
        }
        born = read.day(element, "PersonBirthDate", required=True)
        if born is not None:
            person["date_of_birth"] = iso(born)
        sex = read.code(element, "Sex", ("M", "F"))
        if sex:
            person["sex"] = sex
        ethnicity = read.code(element, "Ethnicity", ETHNICITY_CODES)
        if ethnicity:
            person["ethnicity"] = ethnicity
        postcode = read.text(element, "PostCode")
        if postcode:
            if len(postcode) > 10:
                read.problem(element, "PostCode", postcode, "a postcode has at most 10 characters")
            person["postcode"] = postcode
        upn = read.text(element, "UPN").upper()
        if upn and not UPN.match(upn):
            read.problem(element, "UPN", upn, "a UPN is a letter, 11 digits and a digit or letter")
        elif upn:
            person["upn"] = upn
        uln = read.text(element, "UniqueLearnerNumber")
        if uln and not ULN.match(uln):
            read.problem(element, "UniqueLearnerNumber", uln, "a ULN is 10 digits")
        elif uln:
            person["uln"] = uln
        unknown = read.code(element, "UPNunknown", UPN_UNKNOWN)
        if unknown:
            person["upn_unknown"] = unknown
        return person

    def journey(self, request: Any, person: dict[str, Any]) -> list[dict[str, Any]]:
        """The events of one Requests element (its request, decisions, plan and plan's life)."""
        read = self.read
        header = self.header
        before_period = header.period_start - timedelta(days=1)
        outcome = read.code(request, "RequestOutcome", REQUEST_OUTCOMES, required=True)
        received = read.day(request, "ReceivedDate", required=outcome not in ("H", ""))
        decided = read.day(request, "RequestOutcomeDate", required=outcome in ("Y", "N"))
        assessment = request.find("Assessment")
        plan = assessment.find("NamedPlan") if assessment is not None else None
        started = read.day(plan, "StartDate", required=True) if plan is not None else None
        estimated: dict[str, Any] = {}
        if outcome == "H":
            if received is not None and received >= header.period_start:
                read.problem(
                    request,
                    "ReceivedDate",
                    iso(received),
                    "a request decided before the period (outcome H) cannot be received in it",
                )
            if received is None:
                received = started if started is not None and started < header.period_start else before_period
                estimated = {"date_estimated": True}
            decided = received
        if received is None:
            return []
        read.not_before(request, "RequestOutcomeDate", decided, received, "the request")
        events: list[dict[str, Any]] = [{"type": "request_received", "date": iso(received), **estimated}]
        source = read.code(request, "RequestSource", SOURCES)
        if source:
            events[0]["source"] = SOURCES[source]
        if read.code(request, "RYA", FLAG) == "1":
            events[0]["rya"] = True
        if outcome in ("Y", "N", "H") and decided is not None:
            decision = {"type": "assessment_decision", "date": iso(decided), "outcome": "refuse"}
            if outcome != "N":
                decision["outcome"] = "assess"
            if outcome == "H":
                decision["date_estimated"] = True
            events.append(decision)
            for tag, kind in (("RequestMediation", "mediation"), ("RequestTribunal", "tribunal_appeal")):
                if read.code(request, tag, FLAG) == "1":
                    events.append({"type": kind, "date": iso(decided), "about": "assessment_refusal"})
        if outcome == "W":
            events.append({"type": "request_withdrawn", "date": iso(received), "date_estimated": True})
        if outcome in ("Y", "H") and assessment is not None:
            events += self.assessment(assessment, received, decided or received, started, person)
        return events

    def assessment(
        self, assessment: Any, received: date, decided: date, started: date | None, person: dict[str, Any]
    ) -> list[dict[str, Any]]:
        read = self.read
        outcome = read.code(assessment, "AssessmentOutcome", ASSESSMENT_OUTCOMES, required=True)
        when = read.day(assessment, "AssessmentOutcomeDate", required=outcome in ("Y", "N"))
        events: list[dict[str, Any]] = []
        issued = when if outcome == "Y" else started if outcome == "H" else None
        if outcome == "H" and started is None:
            read.problem(
                assessment, "NamedPlan", "", "a plan issued before the period (H) needs its StartDate"
            )
        if outcome in ("Y", "N") and when is not None:
            read.not_before(assessment, "AssessmentOutcomeDate", when, decided, "the decision to assess")
        if outcome == "N" and when is not None:
            events.append({"type": "plan_decision", "date": iso(when), "outcome": "refuse"})
        if outcome == "W":
            events.append({"type": "request_withdrawn", "date": iso(decided), "date_estimated": True})
        if outcome in ("Y", "N") and when is not None:
            for tag, kind, about in (
                ("AssessmentMediation", "mediation", "plan_refusal"),
                ("AssessmentTribunal", "tribunal_appeal", "plan_refusal"),
                ("OtherMediation", "mediation", "plan_content"),
                ("OtherTribunal", "tribunal_appeal", "plan_content"),
            ):
                if read.code(assessment, tag, FLAG) == "1":
                    events.append({"type": kind, "date": iso(when), "about": about})
        if issued is None:
            return events
        final: dict[str, Any] = {"type": "final_plan_issued", "date": iso(issued)}
        events.append(final)
        if outcome == "Y" and read.code(assessment, "Week20", FLAG) == "1":
            # The return says an exception applied to the 20 weeks, not which or when: it is
            # recorded over the request's own 20 weeks so that it excuses that plan only.
            end = max(received, issued - timedelta(days=1))
            events.append(
                {
                    "type": "exception",
                    "reason": SEN2_EXCEPTION,
                    "start": iso(received),
                    "end": iso(end),
                    "applies_to": ["final_plan"],
                }
            )
        plan = assessment.find("NamedPlan")
        if plan is not None:
            events += self.plan(plan, issued, final, person)
        return events

    def plan(
        self, plan: Any, issued: date, final: dict[str, Any], person: dict[str, Any]
    ) -> list[dict[str, Any]]:
        read = self.read
        details = [
            s for s in (setting_code(read, d) for d in ranked(read, plan, "PlanDetail", "PlacementRank")) if s
        ]
        if details:
            final["setting"] = details[0]
        if len(details) > 1:
            final["other_settings"] = details[1:]
        residential = read.code(plan, "PlanRes", ("A", "B"))
        if residential:
            person["residential"] = residential
        budget = read.code(plan, "PB", FLAG)
        if budget:
            person["personal_budget"] = budget == "1"
        events: list[dict[str, Any]] = []
        ceased = read.day(plan, "CeaseDate")
        if ceased is not None and read.not_before(plan, "CeaseDate", ceased, issued, "the plan's start"):
            cease: dict[str, Any] = {"type": "plan_ceased", "date": iso(ceased)}
            code = read.code(plan, "CeaseReason", CEASE_REASONS)
            if code:
                cease["reason_code"] = code
            events.append(cease)
        active = plan.getparent().getparent().find("ActivePlans")
        if active is not None:
            events += self.active(active, issued, person)
        return events

    def active(self, active: Any, issued: date, person: dict[str, Any]) -> list[dict[str, Any]]:
        read = self.read
        placements = ranked(read, active, "PlacementDetail", "PlacementRank")
        if placements:
            first = placements[0]
            setting = setting_code(read, first)
            if setting:
                person["setting"] = setting
            for tag, name in (
                ("SENunitIndicator", "sen_unit"),
                ("ResourcedProvisionIndicator", "resourced_provision"),
            ):
                flag = read.code(first, tag, FLAG)
                if flag:
                    person[name] = flag == "1"
            residential = read.code(first, "Res", ("A", "B"))
            if residential:
                person["residential"] = residential
            others = [s for s in (setting_code(read, p) for p in placements[1:]) if s]
            if others:
                person["other_placements"] = others
        needs = [
            read.code(n, "SENtype", SEN_TYPES, required=True)
            for n in ranked(read, active, "SENneed", "SENtypeRank")
        ]
        needs = [n for n in needs if n]
        if needs:
            person["primary_need"] = needs[0]
        if len(needs) > 1:
            person["secondary_needs"] = needs[1:]
        events: list[dict[str, Any]] = []
        meeting = read.day(active, "ReviewMeeting")
        if meeting is not None and read.not_before(
            active, "ReviewMeeting", meeting, issued, "the plan's start"
        ):
            events.append({"type": "review_meeting", "date": iso(meeting)})
            outcome = read.code(active, "ReviewOutcome", REVIEW_OUTCOMES)
            decided = read.day(active, "LastReview") or meeting
            if outcome and read.not_before(active, "LastReview", decided, meeting, "the review meeting"):
                events.append(
                    {"type": "review_decision", "date": iso(decided), "outcome": REVIEW_OUTCOMES[outcome]}
                )
            notice = read.day(active, "ReviewDraft")
            if notice is not None and read.not_before(
                active, "ReviewDraft", notice, meeting, "the review meeting"
            ):
                events.append({"type": "amendment_notice", "date": iso(notice)})
        events += self.transfer(active, events)
        return events

    def transfer(self, active: Any, reviews: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The phase transfer whose review fell due in the period, from its due and final dates."""
        read = self.read
        due = read.day(active, "PhaseTransferDueDate")
        if due is None:
            return []
        if (due.month, due.day) == (2, 14):
            kind, moves = "school", date(due.year, 9, 1)
        elif (due.month, due.day) == (3, 30):
            kind, moves = "post16", date(due.year, 9, 1)
        else:
            kind, moves = "post16_to_post16", _months_after(due, 5)
        events: list[dict[str, Any]] = [{"type": "phase_transfer", "date": iso(moves), "kind": kind}]
        done = read.day(active, "PhaseTransferFinalDate")
        if done is not None and read.not_before(
            active, "PhaseTransferFinalDate", done, months_before(moves, 12), "12 months before the transfer"
        ):
            already = any(
                e["type"] == "review_decision" and e["date"] == iso(done) and e["outcome"] == "maintain"
                for e in reviews
            )
            if not already:
                # The return gives the day the transfer review was done, not what completed it.
                events.append(
                    {"type": "amended_plan_issued", "date": iso(done), "sen2": "PhaseTransferFinalDate"}
                )
        return events


def _months_after(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th
