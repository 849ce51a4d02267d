"""The DfE SEN2 person-level return: case files in, XML out. Pure Python, no Django.

`person_record` maps one person's case files (case-events.md) to the return's Person element as
nested dicts, element names in the order the return lists them; `write_message` streams the
whole message, one person at a time. The choices the DfE guidance leaves open are written down
in docs/sen2-choices.md; the evidence behind each element is in the SEN2 notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TextIO
from xml.sax.saxutils import escape

from sendtrack.interchange.sen2_codes import ETHNICITY_CHOICES
from sendtrack.statutory import derive, parse_case

Record = dict[str, Any]

REQUEST_SOURCES = {
    "parent": "1",
    "young_person": "1",
    "school": "2",
    "health": "3",
    "social_care": "4",
    "other": "5",
}
REVIEW_OUTCOMES = {"maintain": "M", "amend": "A", "cease": "C"}
SEN_TYPES = ("SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "DS", "OTH")
CEASE_REASONS = tuple(str(n) for n in range(1, 10))
ETHNICITY_CODES = tuple(code for code, _words in ETHNICITY_CHOICES)
SEXES = {"M": "M", "MALE": "M", "F": "F", "FEMALE": "F"}


@dataclass(frozen=True, slots=True)
class Collection:
    """One year's return: the census date, the reference period, and the header's fixed items."""

    census_date: date
    la_code: str
    software_release: str
    created: datetime
    dmo: str = "Y"
    dco: str = "Y"
    dsco: str = "Y"
    serial: int = 1

    @property
    def year(self) -> int:
        return self.census_date.year

    @property
    def period_start(self) -> date:
        return date(self.year - 1, 1, 1)

    @property
    def period_end(self) -> date:
        return date(self.year - 1, 12, 31)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _flag(value: bool) -> str:
    return "1" if value else "0"


def _setting(code: str | None, rank: int) -> Record | None:
    if not code:
        return None
    code = code.strip()
    record: Record = {}
    if code.isdigit() and len(code) == 6:
        record["URN"] = code
    elif code.isdigit() and len(code) == 8:
        record["UKPRN"] = code
    else:
        record["SENsetting"] = code
    record["PlacementRank"] = str(rank)
    return record


class _Journey:
    """One request and the events after it, up to the next request, up to the census date."""

    def __init__(self, received: date, event: dict) -> None:
        self.received = received
        self.request = event
        self.events: list[dict] = []

    def first(self, kind: str, **match: str) -> dict | None:
        return next(
            (e for e in self.events if e["type"] == kind and all(e.get(k) == v for k, v in match.items())),
            None,
        )


def _journeys(events: list[dict]) -> list[_Journey]:
    journeys: list[_Journey] = []
    for event in events:
        if event["type"] == "request_received":
            journeys.append(_Journey(date.fromisoformat(event["date"]), event))
        elif journeys:
            journeys[-1].events.append(event)
    return journeys


def _dated(case_file: dict, census: date) -> list[dict]:
    indexed = [(i, e) for i, e in enumerate(case_file["events"]) if e.get("date")]
    indexed = [(i, e) for i, e in indexed if date.fromisoformat(e["date"]) <= census]
    return [e for _, e in sorted(indexed, key=lambda pair: (pair[1]["date"], pair[0]))]


def _disputes(journey: _Journey, about: set[str]) -> tuple[str, str]:
    mediation = any(e["type"] == "mediation" and e.get("about", "other") in about for e in journey.events)
    tribunal = any(
        e["type"] == "tribunal_appeal" and e.get("about", "other") in about for e in journey.events
    )
    return _flag(mediation), _flag(tribunal)


def _assessment(journey: _Journey, collection: Collection, excepted: set[date]) -> Record:
    final = journey.first("final_plan_issued")
    refused = journey.first("plan_decision", outcome="refuse")
    withdrawn = journey.first("request_withdrawn")
    record: Record = {}
    if final is not None and date.fromisoformat(final["date"]) < collection.period_start:
        record["AssessmentOutcome"] = "H"
    elif final is not None:
        record["AssessmentOutcome"] = "Y"
        record["AssessmentOutcomeDate"] = final["date"]
    elif refused is not None:
        record["AssessmentOutcome"] = "N"
        record["AssessmentOutcomeDate"] = refused["date"]
    elif withdrawn is not None:
        record["AssessmentOutcome"] = "W"
    else:
        record["AssessmentOutcome"] = "A"
    if record["AssessmentOutcome"] in ("Y", "N"):
        record["AssessmentMediation"], record["AssessmentTribunal"] = _disputes(journey, {"plan_refusal"})
        record["OtherMediation"], record["OtherTribunal"] = _disputes(journey, {"plan_content", "other"})
    if record["AssessmentOutcome"] == "Y":
        record["Week20"] = _flag(journey.received in excepted)
    if final is not None:
        plan: Record = {"StartDate": final["date"]}
        detail = _setting(final.get("setting"), 1)
        if detail is not None:
            plan["PlanDetail"] = [detail]
        record["NamedPlan"] = plan
    return record


def _request(journey: _Journey, collection: Collection, excepted: set[date]) -> Record | None:
    """The Requests element of a journey; None for a request refused before the period."""
    decision = journey.first("assessment_decision")
    withdrawn = journey.first("request_withdrawn")
    record: Record = {}
    historical = decision is not None and date.fromisoformat(decision["date"]) < collection.period_start
    if historical and decision is not None and decision.get("outcome") != "assess":
        return None
    final = journey.first("final_plan_issued")
    issued_in_period = final is not None and date.fromisoformat(final["date"]) >= collection.period_start
    if not historical or issued_in_period:
        # A plan issued in the period is timed from its request, even when the decision to assess
        # fell in an earlier year (docs/sen2-choices.md, 7).
        record["ReceivedDate"] = journey.received.isoformat()
        source = REQUEST_SOURCES.get(journey.request.get("source", ""))
        if source:
            record["RequestSource"] = source
        record["RYA"] = _flag(bool(journey.request.get("rya")))
    if historical:
        record["RequestOutcome"] = "H"
    elif decision is not None and (withdrawn is None or decision["date"] <= withdrawn["date"]):
        record["RequestOutcomeDate"] = decision["date"]
        record["RequestOutcome"] = "Y" if decision.get("outcome") == "assess" else "N"
        record["RequestMediation"], record["RequestTribunal"] = _disputes(journey, {"assessment_refusal"})
    elif withdrawn is not None:
        record["RequestOutcome"] = "W"
    else:
        record["RequestOutcome"] = "A"
    if record["RequestOutcome"] in ("Y", "H"):
        record["Assessment"] = _assessment(journey, collection, excepted)
    return record


def _included(journey: _Journey, record: Record, collection: Collection) -> bool:
    """In the return: received in the period, still open on census day, or with a plan live in it."""
    if collection.period_start <= journey.received:
        return True
    if record["RequestOutcome"] == "A":
        return True
    assessment = record.get("Assessment", {})
    return assessment.get("AssessmentOutcome") == "A" or "NamedPlan" in assessment


def _placement(person: dict, plan: Record) -> Record | None:
    """The setting attended: the person's, else the one the plan names (a plan live on census day
    whose setting was not recorded again after it ceased later)."""
    placement = _setting(person.get("setting"), 1)
    if placement is None:
        named = plan.get("PlanDetail") or [{}]
        placement = _setting(named[0].get("URN") or named[0].get("UKPRN") or named[0].get("SENsetting"), 1)
    if placement is None:
        return None
    placement["SENunitIndicator"] = _flag(bool(person.get("sen_unit")))
    placement["ResourcedProvisionIndicator"] = _flag(bool(person.get("resourced_provision")))
    if person.get("residential") in ("A", "B"):
        placement["Res"] = person["residential"]
    return placement


def _active_plans(
    person: dict, events: list[dict], collection: Collection, transfers: list[Any], plan: Record
) -> Record:
    record: Record = {}
    placement = _placement(person, plan)
    if placement is not None:
        record["PlacementDetail"] = [placement]
    needs = [person.get("primary_need"), *(person.get("secondary_needs") or [])[:1]]
    record["SENneed"] = [
        {"SENtype": need, "SENtypeRank": str(rank)} for rank, need in enumerate(needs, start=1) if need
    ]
    in_period = [
        e
        for e in events
        if e["type"] == "review_meeting"
        and plan["StartDate"] <= e["date"] <= collection.census_date.isoformat()
    ]
    if in_period:
        meeting = in_period[-1]
        record["ReviewMeeting"] = meeting["date"]
        later = [e for e in events if e["date"] >= meeting["date"]]
        decision = next((e for e in later if e["type"] == "review_decision"), None)
        if decision is not None:
            record["ReviewOutcome"] = REVIEW_OUTCOMES.get(decision.get("outcome", ""), "")
            notice = next((e for e in later if e["type"] == "amendment_notice"), None)
            if decision.get("outcome") == "amend" and notice is not None:
                record["ReviewDraft"] = notice["date"]
    for milestone in transfers:
        record["PhaseTransferDueDate"] = milestone.due.isoformat()
        if milestone.completed is not None:
            record["PhaseTransferFinalDate"] = milestone.completed.isoformat()
    if in_period and decision is not None:
        record["LastReview"] = decision["date"]
    return record


def _timeline_facts(case_file: dict, collection: Collection) -> tuple[set[date], list[Any]]:
    """The requests whose final plan had an exception, and the phase transfer reviews in the period."""
    timeline = derive(parse_case(case_file), collection.census_date)
    excepted = {
        date.fromisoformat(m.journey)
        for m in timeline.milestones
        if m.rule_name == "final_plan" and m.excepted and m.journey
    }
    transfers = [
        m
        for m in timeline.milestones
        if m.rule_name == "phase_transfer_review"
        and collection.period_start <= m.due <= collection.census_date
    ]
    return excepted, transfers[-1:]


def person_record(person: dict, case_files: list[dict], collection: Collection) -> Record | None:
    """One person's Person element, or None when nothing about them belongs in this return."""
    requests: list[Record] = []
    for case_file in case_files:
        events = _dated(case_file, collection.census_date)
        excepted, transfers = _timeline_facts(case_file, collection)
        journeys = _journeys(events)
        ceased = [e for e in events if e["type"] == "plan_ceased"]
        last_plan = None
        for journey in journeys:
            record = _request(journey, collection, excepted)
            if record is None or not _included(journey, record, collection):
                continue
            requests.append(record)
            if "NamedPlan" in record.get("Assessment", {}):
                last_plan = record
        if last_plan is not None:
            plan = last_plan["Assessment"]["NamedPlan"]
            cease = next((e for e in reversed(ceased) if e["date"] >= plan["StartDate"]), None)
            if cease is not None and date.fromisoformat(cease["date"]) < collection.period_start:
                requests.remove(last_plan)
                continue
            if person.get("residential") in ("A", "B"):
                plan["PlanRes"] = person["residential"]
            plan["PB"] = _flag(bool(person.get("personal_budget")))
            if cease is not None:
                plan["CeaseDate"] = cease["date"]
                code = str(cease.get("reason_code") or cease.get("reason") or "")
                if code in CEASE_REASONS:
                    plan["CeaseReason"] = code
            else:
                last_plan["ActivePlans"] = _active_plans(person, events, collection, transfers, plan)
    if not requests:
        return None
    ethnicity = person.get("ethnicity") or "NOBT"
    record: Record = {
        "Surname": person.get("family_name", ""),
        "Forename": person.get("given_name", ""),
        "PersonBirthDate": person.get("date_of_birth", ""),
        # Only M or F has a code; anything else is left out and reported (never written verbatim).
        "Sex": SEXES.get(str(person.get("sex") or "").strip().upper(), ""),
        "Ethnicity": ethnicity if ethnicity in ETHNICITY_CODES else "",
    }
    if person.get("postcode"):
        record["PostCode"] = person["postcode"]
    if person.get("upn"):
        record["UPN"] = person["upn"]
    if person.get("uln"):
        record["UniqueLearnerNumber"] = person["uln"]
    if not person.get("upn") and not person.get("uln") and person.get("upn_unknown"):
        record["UPNunknown"] = person["upn_unknown"]
    record["Requests"] = requests
    return record


def _write(out: TextIO, name: str, value: Any, indent: str) -> None:
    if isinstance(value, list):
        for item in value:
            _write(out, name, item, indent)
    elif isinstance(value, dict):
        out.write(f"{indent}<{name}>\n")
        for key, child in value.items():
            _write(out, key, child, indent + "  ")
        out.write(f"{indent}</{name}>\n")
    elif value not in (None, ""):
        out.write(f"{indent}<{name}>{escape(str(value))}</{name}>\n")


def header(collection: Collection) -> Record:
    return {
        "CollectionDetails": {
            "Collection": "SEN2",
            "Year": str(collection.year),
            "ReferenceDate": collection.census_date.isoformat(),
        },
        "Source": {
            "SourceLevel": "L",
            "LEA": collection.la_code,
            "SoftwareCode": "sendtrack",
            "Release": collection.software_release,
            "SerialNo": f"{collection.serial:03d}",
            "DateTime": collection.created.replace(microsecond=0, tzinfo=None).isoformat(),
            "DMO": collection.dmo,
            "DCO": collection.dco,
            "DSCO": collection.dsco,
        },
    }


def write_message(
    out: TextIO, collection: Collection, persons: Iterable[Record], *, comment: str | None = None
) -> int:
    """Write the whole message, streaming: one Person at a time. Returns the number of persons.

    `comment` (a draft's warning) goes in an XML comment before the root element.
    """
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    if comment:
        out.write(f"<!-- {escape(comment).replace('--', '-')} -->\n")
    out.write("<Message>\n")
    _write(out, "Header", header(collection), "  ")
    out.write("  <Persons>\n")
    count = 0
    for record in persons:
        _write(out, "Person", record, "    ")
        count += 1
    out.write("  </Persons>\n</Message>\n")
    return count


def person_records(
    people: Iterable[tuple[dict, list[dict]]], collection: Collection
) -> Iterator[tuple[dict, Record]]:
    """(person, record) for each person with something to report."""
    for person, case_files in people:
        record = person_record(person, case_files, collection)
        if record is not None:
            yield person, record
