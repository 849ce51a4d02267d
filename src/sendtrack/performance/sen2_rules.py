"""Checks sendtrack runs on the SEN2 return before it is submitted. Pure Python, no Django.

The DfE's own validation rule numbers and messages were not available; these are sendtrack's
checks (codes `ST-…`), written from the SEN2 guide's completion rules as others quote them and
the checks recommended in the SEN2 notes (docs/spec/sen2-notes.md §3). Each rule has a code, a
message, the elements it concerns, a suggested fix and a test
(tests/performance/test_sen2_validation_rules.py gives every rule one record that breaks it and one
that passes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sendtrack.interchange.sen2 import SEN_TYPES, Collection
from sendtrack.statutory.rules import due_date

Record = dict[str, Any]
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
ERROR = "error"
# Something COLLECT is likely to ask the council to explain: listed, but it does not block export.
QUERY = "query"


@dataclass(frozen=True)
class Sen2Rule:
    code: str
    message: str
    fields: tuple[str, ...]
    fix: str
    check: Callable[[Record, Collection], Iterator[str]]  # yields a detail for each problem found
    severity: str = ERROR


def upn_is_valid(upn: str) -> bool:
    """A permanent or temporary UPN whose first letter is its check letter (weights 2-13, mod 23)."""
    if len(upn) != 13 or upn[0] not in UPN_LETTERS or not upn[1:12].isdigit():
        return False
    last = upn[12]
    if not (last.isdigit() or last in UPN_LETTERS):
        return False
    values = [int(ch) for ch in upn[1:12]] + [int(last) if last.isdigit() else UPN_LETTERS.index(last)]
    total = sum(value * weight for value, weight in zip(values, range(2, 14), strict=True))
    return UPN_LETTERS[total % 23] == upn[0]


def _requests(person: Record) -> list[Record]:
    return person.get("Requests", [])


def _names(person: Record, collection: Collection) -> Iterator[str]:
    for name in ("Surname", "Forename"):
        if not person.get(name):
            yield f"{name} is missing"


def _birth(person: Record, collection: Collection) -> Iterator[str]:
    if not person.get("PersonBirthDate"):
        yield "date of birth is missing"


def _sex(person: Record, collection: Collection) -> Iterator[str]:
    if person.get("Sex") not in ("M", "F"):
        yield "sex is not recorded as M or F"


def _ethnicity(person: Record, collection: Collection) -> Iterator[str]:
    if not person.get("Ethnicity"):
        yield "ethnicity is not a CBDS code"


def _ethnicity_not_obtained(person: Record, collection: Collection) -> Iterator[str]:
    if person.get("Ethnicity") == "NOBT":
        yield "ethnicity not yet obtained"


def _other_codes(person: Record, collection: Collection) -> Iterator[str]:
    for request in _requests(person):
        if request.get("RequestSource") == "5":
            yield f"request received {request.get('ReceivedDate')} from 'other'"
        plan = request.get("Assessment", {}).get("NamedPlan", {})
        if plan.get("CeaseReason") == "9":
            yield f"plan ceased {plan.get('CeaseDate')} for 'other' reason"


def _identifier(person: Record, collection: Collection) -> Iterator[str]:
    if not (person.get("UPN") or person.get("UniqueLearnerNumber") or person.get("UPNunknown")):
        yield "no UPN, ULN or reason for not having one"


def _upn(person: Record, collection: Collection) -> Iterator[str]:
    upn = person.get("UPN")
    if upn and not upn_is_valid(upn):
        yield f"UPN {upn} is not valid"
    uln = person.get("UniqueLearnerNumber")
    if uln and not (len(uln) == 10 and uln.isdigit()):
        yield f"ULN {uln} is not 10 digits"


def _age(person: Record, collection: Collection) -> Iterator[str]:
    """Aged 0 to 25 on census day; a young person whose plan ceased in the period may be older."""
    born = person.get("PersonBirthDate")
    if not born:
        return
    birth = date.fromisoformat(born)
    census = collection.census_date
    age = census.year - birth.year - ((census.month, census.day) < (birth.month, birth.day))
    live_plan = any("ActivePlans" in request for request in _requests(person))
    if age < 0 or (age > 25 and live_plan):
        yield f"aged {age} on the census date"


def _needs(person: Record, collection: Collection) -> Iterator[str]:
    for request in _requests(person):
        active = request.get("ActivePlans")
        if active is None:
            continue
        needs = active.get("SENneed", [])
        if not any(n.get("SENtypeRank") == "1" for n in needs):
            yield "a plan with no primary need"
        for need in needs:
            if need.get("SENtype") not in SEN_TYPES:
                yield f"need code {need.get('SENtype')} is not a SEN2 code"


def _request_source(person: Record, collection: Collection) -> Iterator[str]:
    for request in _requests(person):
        if request.get("ReceivedDate") and not request.get("RequestSource"):
            yield f"request received {request['ReceivedDate']} has no source"


def _date_order(person: Record, collection: Collection) -> Iterator[str]:
    for request in _requests(person):
        dates = [
            request.get("ReceivedDate"),
            request.get("RequestOutcomeDate"),
            request.get("Assessment", {}).get("AssessmentOutcomeDate"),
        ]
        known = [d for d in dates if d]
        if known != sorted(known):
            yield f"dates out of order in the request received {request.get('ReceivedDate')}"
        born = person.get("PersonBirthDate")
        if born and known and known[0] < born:
            yield "a request before the date of birth"


def _after_census(person: Record, collection: Collection) -> Iterator[str]:
    census = collection.census_date.isoformat()

    def walk(node: Any, name: str) -> Iterator[str]:
        if isinstance(node, dict):
            for key, child in node.items():
                yield from walk(child, key)
        elif isinstance(node, list):
            for child in node:
                yield from walk(child, name)
        elif (
            isinstance(node, str)
            and len(node) == 10
            and node[4] == "-"
            and node > census
            and name != "PhaseTransferDueDate"
        ):
            yield f"{name} {node} is after the census date"

    yield from walk(_requests(person), "Requests")


def _week20(person: Record, collection: Collection) -> Iterator[str]:
    for request in _requests(person):
        assessment = request.get("Assessment", {})
        if assessment.get("AssessmentOutcome") != "Y" or not request.get("ReceivedDate"):
            continue
        received = date.fromisoformat(request["ReceivedDate"])
        issued = date.fromisoformat(assessment["AssessmentOutcomeDate"])
        due = due_date("final_plan", received)
        if due is not None and issued > due and assessment.get("Week20") == "0":
            yield f"plan issued after {(issued - received).days} days with no exception recorded"


def _start_date(person: Record, collection: Collection) -> Iterator[str]:
    for request in _requests(person):
        plan = request.get("Assessment", {}).get("NamedPlan")
        if plan is not None and not plan.get("StartDate"):
            yield "a plan with no start date"


def _cease_reason(person: Record, collection: Collection) -> Iterator[str]:
    for request in _requests(person):
        plan = request.get("Assessment", {}).get("NamedPlan", {})
        if plan.get("CeaseDate") and not plan.get("CeaseReason"):
            yield f"plan ceased {plan['CeaseDate']} with no coded reason"


def _placement(person: Record, collection: Collection) -> Iterator[str]:
    for request in _requests(person):
        active = request.get("ActivePlans")
        if active is not None and not active.get("PlacementDetail"):
            yield "a plan with no setting attended"


def _late_review_decision(person: Record, collection: Collection) -> Iterator[str]:
    for request in _requests(person):
        active = request.get("ActivePlans") or {}
        if active.get("ReviewMeeting") and active.get("LastReview"):
            meeting = date.fromisoformat(active["ReviewMeeting"])
            decided = date.fromisoformat(active["LastReview"])
            due = due_date("review_decision", meeting)
            if due is not None and decided > due:
                yield f"review decision {(decided - meeting).days} days after the meeting"


RULES: tuple[Sen2Rule, ...] = (
    Sen2Rule(
        "ST-P01",
        "Enter the child's surname and forename",
        ("Surname", "Forename"),
        "Add the missing name to the person's details",
        _names,
    ),
    Sen2Rule(
        "ST-P02",
        "Enter the child's date of birth",
        ("PersonBirthDate",),
        "Add the date of birth to the person's details",
        _birth,
    ),
    Sen2Rule(
        "ST-P03", "Sex must be M or F", ("Sex",), "Record the sex as M or F, as the school census does", _sex
    ),
    Sen2Rule(
        "ST-P07",
        "Enter the child's ethnicity as a CBDS code",
        ("Ethnicity",),
        "Record the ethnicity (REFU if the family declined, NOBT if not yet asked)",
        _ethnicity,
    ),
    Sen2Rule(
        "ST-P08",
        "Ethnicity not yet obtained will be queried",
        ("Ethnicity",),
        "Ask the family and record the ethnicity, or REFU if they decline",
        _ethnicity_not_obtained,
        QUERY,
    ),
    Sen2Rule(
        "ST-O01",
        "Many 'other' codes will be queried",
        ("RequestSource", "CeaseReason"),
        "Use a specific code where one applies",
        _other_codes,
        QUERY,
    ),
    Sen2Rule(
        "ST-P04",
        "Enter a UPN or ULN, or the reason there is none",
        ("UPN", "UniqueLearnerNumber", "UPNunknown"),
        "Add the UPN from the school, the ULN from the college, or an UPNunknown reason (UN1 to UN10)",
        _identifier,
    ),
    Sen2Rule(
        "ST-P05",
        "The UPN or ULN is not valid",
        ("UPN", "UniqueLearnerNumber"),
        "Check the UPN's check letter and 12 other characters, or that the ULN has 10 digits",
        _upn,
    ),
    Sen2Rule(
        "ST-P06",
        "The child must be aged 0 to 25 on the census date",
        ("PersonBirthDate",),
        "Check the date of birth",
        _age,
    ),
    Sen2Rule(
        "ST-N01",
        "Every plan needs a primary need with a SEN2 need code",
        ("SENtype", "SENtypeRank"),
        "Record the primary need (NSA is a school census code, not a SEN2 one)",
        _needs,
    ),
    Sen2Rule(
        "ST-R01",
        "Enter who made the request",
        ("RequestSource",),
        "Record the source on the request received event",
        _request_source,
        QUERY,
    ),
    Sen2Rule(
        "ST-R02",
        "Dates must be in order: request, decision to assess, outcome",
        ("ReceivedDate", "RequestOutcomeDate", "AssessmentOutcomeDate", "PersonBirthDate"),
        "Correct the date of the event that is out of order",
        _date_order,
    ),
    Sen2Rule(
        "ST-R03",
        "No date may be after the census date",
        ("ReferenceDate",),
        "Check the event's date",
        _after_census,
    ),
    Sen2Rule(
        "ST-A01",
        "A plan issued after 20 weeks with no exception will be queried",
        ("Week20",),
        "Record the exception if one applied; otherwise be ready to explain the delay",
        _week20,
        QUERY,
    ),
    Sen2Rule(
        "ST-A02",
        "Every plan needs a start date",
        ("StartDate",),
        "Record the final plan issued event of a plan made before the records began",
        _start_date,
    ),
    Sen2Rule(
        "ST-C01",
        "A ceased plan needs a coded reason",
        ("CeaseDate", "CeaseReason"),
        "Record the reason on the plan ceased event as a SEN2 code 1 to 9",
        _cease_reason,
    ),
    Sen2Rule(
        "ST-S01",
        "Every plan needs the setting attended",
        ("PlacementDetail", "URN", "UKPRN", "SENsetting"),
        "Record the child's setting (URN, UKPRN or a SEN2 setting code)",
        _placement,
    ),
    Sen2Rule(
        "ST-V01",
        "A review decision more than 4 weeks after the meeting will be queried",
        ("ReviewMeeting", "LastReview"),
        "Check the dates of the review meeting and decision",
        _late_review_decision,
        QUERY,
    ),
)
BY_CODE = {rule.code: rule for rule in RULES}


@dataclass(frozen=True)
class Issue:
    rule: Sen2Rule
    detail: str


def check_person(record: Record, collection: Collection) -> list[Issue]:
    return [Issue(rule, detail) for rule in RULES for detail in rule.check(record, collection)]
