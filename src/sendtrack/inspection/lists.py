"""List 1 and List 2 of the area SEND inspection's information request. Pure Python, no Django.

The 21 fields, their order, names and codes follow spec A6 (the Data to Insight "Annex A SEN"
template, which quotes the field guidance). A row is built from one person's case files (the
docs/spec/case-events.md dicts) and, for the columns sendtrack does not hold, one row of an imported school
census or social care extract. A value sendtrack cannot give is left blank and named in
`missing`, so the page can say which columns came from nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

UNIQUE_ID = "Unique ID"
UPN = "UPN"
ULN = "ULN"
DATE_OF_BIRTH = "Date of birth"
GENDER = "Gender"
ETHNICITY = "Ethnicity"
INITIAL_PLAN = "Date initial EHC plan issued"
UPDATED_PLAN = "Date updated EHC plan issued"
LAST_REVIEW = "Date EHC plan last reviewed"
PRIMARY_NEED = "SEN primary need"
MAIN_URN = "Main education establishment – URN"
MAIN_PHASE = "Main education establishment – phase"
SUBSIDIARY_PHASE = "Subsidiary education establishment – phase (dual registration)"
ELECTIVE_HOME_EDUCATION = "Elective home education"
SUSPENSIONS = "Suspensions"
PERMANENT_EXCLUSIONS = "Permanent exclusions"
ABSENCE = "Absence"
PUPIL_PREMIUM = "Pupil Premium"
KNOWN_TO_SOCIAL_CARE = "Known to children's social care?"
SOCIAL_CARE_TEAM = "Which children's social care team?"
DISABILITY = "Does the child or young person have a disability?"

# Columns only an imported extract fills.
CENSUS_FIELDS = (
    SUSPENSIONS,
    PERMANENT_EXCLUSIONS,
    ABSENCE,
    PUPIL_PREMIUM,
    KNOWN_TO_SOCIAL_CARE,
    SOCIAL_CARE_TEAM,
)
LIST_1_FIELDS = (
    UNIQUE_ID,
    UPN,
    ULN,
    DATE_OF_BIRTH,
    GENDER,
    ETHNICITY,
    INITIAL_PLAN,
    UPDATED_PLAN,
    LAST_REVIEW,
    PRIMARY_NEED,
    MAIN_URN,
    MAIN_PHASE,
    SUBSIDIARY_PHASE,
    ELECTIVE_HOME_EDUCATION,
    *CENSUS_FIELDS,
    DISABILITY,
)
# List 2 is List 1 without the three plan dates and elective home education (spec A6).
LIST_2_FIELDS = tuple(
    f for f in LIST_1_FIELDS if f not in (INITIAL_PLAN, UPDATED_PLAN, LAST_REVIEW, ELECTIVE_HOME_EDUCATION)
)
DATE_FIELDS = (DATE_OF_BIRTH, INITIAL_PLAN, UPDATED_PLAN, LAST_REVIEW)

GENDER_CODES = {"M": "a) Male", "F": "b) Female", "U": "c) Not known", "I": "d) Not specified"}
ETHNICITY_CODES = {
    code: f"{letter}) {code}"
    for letter, code in zip(
        "abcdefghijklmnopqrstu",
        (
            "WBRI",
            "WIRI",
            "WIRT",
            "WOTH",
            "WROM",
            "MWBC",
            "MWBA",
            "MWAS",
            "MOTH",
            "AIND",
            "APKN",
            "ABAN",
            "AOTH",
            "BCRB",
            "BAFR",
            "BOTH",
            "CHNE",
            "OOTH",
            "REFU",
            "NOBT",
            "UNKNOWN",
        ),
        strict=True,
    )
}
NEED_CODES = {
    code: f"{letter}) {code}"
    for letter, code in zip(
        "abcdefghijkl",
        (
            "SPLD",
            "MLD",
            "SLD",
            "PMLD",
            "SEMH",
            "SLCN",
            "HI",
            "VI",
            "MSI",
            "PD",
            "ASD",
            "OTH",
        ),
        strict=True,
    )
}
PHASE_CODES = {
    key: f"{letter}) {label}"
    for letter, key, label in (
        ("a", "nursery", "Nursery"),
        ("b", "primary", "Primary"),
        ("c", "middle_primary", "Middle (deemed primary)"),
        ("d", "middle_secondary", "Middle (deemed secondary)"),
        ("e", "secondary", "Secondary"),
        ("f", "all_through", "All-through"),
        ("g", "special", "Special"),
        ("h", "alternative_provision", "Pupil referral unit/Alternative provision"),
        ("i", "fe_college", "FE college"),
    )
}
# The demo's and the case file's own words for a setting's phase.
PHASE_CODES["early_years"] = PHASE_CODES["nursery"]
PHASE_CODES["post16"] = PHASE_CODES["fe_college"]
YES, NO = "a) Yes", "b) No"


@dataclass(frozen=True)
class CensusRow:
    """One pupil's figures from an imported extract, already limited to the look-back window."""

    suspensions: int | None = None
    permanent_exclusions: int | None = None
    absence_percent: Decimal | None = None
    pupil_premium: bool | None = None
    known_to_social_care: bool | None = None
    social_care_team: str = ""
    main_phase: str = ""
    subsidiary_phase: str = ""


@dataclass
class ListRow:
    """One child's row: `values` by field name (dates as dates), and the fields left blank."""

    unique_id: str
    case_ref: str
    values: dict[str, Any]
    missing: list[str] = field(default_factory=list)
    upn_unknown: str = ""


@dataclass(frozen=True)
class PlanDates:
    initial: date
    updated: date | None
    last_review: date | None


def _dates(case_files: list[dict], kind: str, as_of: date) -> list[date]:
    found = []
    for case_file in case_files:
        for event in case_file["events"]:
            if event.get("type") == kind and event.get("date"):
                day = date.fromisoformat(event["date"])
                if day <= as_of:
                    found.append(day)
    return sorted(found)


def plan_on(case_files: list[dict], as_of: date) -> PlanDates | None:
    """The EHC plan a person holds on `as_of`: a final plan issued by then and not ceased since.

    The initial date is the first final plan issued after the last cessation (a plan ceased and
    later issued again starts afresh); updated and reviewed dates are the latest since then.
    """
    finals = _dates(case_files, "final_plan_issued", as_of)
    if not finals:
        return None
    ceased = _dates(case_files, "plan_ceased", as_of)
    if ceased and ceased[-1] >= finals[-1]:
        return None
    since = [d for d in finals if not ceased or d > ceased[-1]]
    initial = since[0]
    updated = [d for d in _dates(case_files, "amended_plan_issued", as_of) if d >= initial]
    reviews = [d for d in _dates(case_files, "review_meeting", as_of) if d >= initial]
    return PlanDates(initial, updated[-1] if updated else None, reviews[-1] if reviews else None)


def _home_educated(recorded: Any, setting: str) -> bool | None:
    """As recorded; otherwise a child with a setting on record is taken as not home educated."""
    if recorded is not None:
        return bool(recorded)
    return False if setting else None


def _yes_no(value: bool | None) -> str:
    return "" if value is None else (YES if value else NO)


def build_row(
    *,
    unique_id: str,
    case_ref: str,
    person: dict,
    plan: PlanDates | None,
    census: CensusRow | None,
    fields: tuple[str, ...] = LIST_1_FIELDS,
) -> ListRow:
    """One child's row in the spec's codes; blank where neither sendtrack nor the extract holds it."""
    census = census or CensusRow()
    born = person.get("date_of_birth")
    setting = str(person.get("setting") or "").strip()
    home_educated = person.get("elective_home_education")
    values: dict[str, Any] = {
        UNIQUE_ID: unique_id,
        UPN: person.get("upn") or "",
        ULN: person.get("uln") or "",
        DATE_OF_BIRTH: date.fromisoformat(born) if born else None,
        GENDER: GENDER_CODES.get(str(person.get("sex") or "").upper(), ""),
        ETHNICITY: ETHNICITY_CODES.get(str(person.get("ethnicity") or "").upper(), ""),
        INITIAL_PLAN: plan.initial if plan else None,
        UPDATED_PLAN: plan.updated if plan else None,
        LAST_REVIEW: plan.last_review if plan else None,
        PRIMARY_NEED: NEED_CODES.get(str(person.get("primary_need") or "").upper(), ""),
        MAIN_URN: setting if setting.isdigit() and len(setting) == 6 else "",
        MAIN_PHASE: PHASE_CODES.get(person.get("setting_phase") or census.main_phase, ""),
        SUBSIDIARY_PHASE: PHASE_CODES.get(person.get("subsidiary_phase") or census.subsidiary_phase, ""),
        ELECTIVE_HOME_EDUCATION: _yes_no(_home_educated(home_educated, setting)),
        SUSPENSIONS: census.suspensions,
        PERMANENT_EXCLUSIONS: census.permanent_exclusions,
        ABSENCE: census.absence_percent,
        PUPIL_PREMIUM: _yes_no(census.pupil_premium),
        KNOWN_TO_SOCIAL_CARE: _yes_no(census.known_to_social_care),
        SOCIAL_CARE_TEAM: census.social_care_team,
        DISABILITY: _yes_no(person.get("disability")),
    }
    values = {name: values[name] for name in fields}
    missing = [
        name
        for name, value in values.items()
        if value in (None, "") and not _blank_is_an_answer(name, values)
    ]
    return ListRow(unique_id, case_ref, values, missing, str(person.get("upn_unknown") or ""))


def _blank_is_an_answer(name: str, values: dict[str, Any]) -> bool:
    """Blanks the guidance asks for: never updated, never reviewed, no dual registration, not known to CSC."""
    if name in (UPDATED_PLAN, LAST_REVIEW, SUBSIDIARY_PHASE):
        return True
    return name == SOCIAL_CARE_TEAM and values.get(KNOWN_TO_SOCIAL_CARE) == NO


def formatted(value: Any) -> str:
    """A value as the csv carries it: dates DD/MM/YYYY as the guidance asks, numbers plain."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)
