"""An EHC plan as structure: sections A to K, and the golden thread of needs, provision and outcomes.

Pure Python, no Django. The lettered sections are those of the SEND Regulations 2014, reg. 12(1),
each "separately identified"; K holds the advice and information obtained (reg. 12(4), Code 9.62).
Needs (B, C, D), provision (F, G, H1, H2) and outcomes (E) are grouped by the four broad areas of
need of the DfE's national template, and carry explicit links: each provision names the needs it
meets and the outcomes it serves; each outcome names the needs it answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

SECTIONS = {
    "A": "Views, interests and aspirations",
    "B": "Special educational needs",
    "C": "Health care needs",
    "D": "Social care needs",
    "E": "Outcomes",
    "F": "Special educational provision",
    "G": "Health care provision",
    "H1": "Social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970",
    "H2": "Other social care provision",
    "I": "Placement",
    "J": "Personal budget",
    "K": "Advice and information",
}
NEED_SECTIONS = ("B", "C", "D")
PROVISION_SECTIONS = ("F", "G", "H1", "H2")

AREAS = {
    "communication_and_interaction": "Communication and interaction",
    "cognition_and_learning": "Cognition and learning",
    "semh": "Social, emotional and mental health",
    "sensory_and_physical": "Sensory and/or physical",
}

AGENCY_FOR_SECTION = {
    "C": "health",
    "G": "health",
    "D": "social_care",
    "H1": "social_care",
    "H2": "social_care",
}


@dataclass
class Need:
    ref: str
    section: str
    area: str
    text: str


@dataclass
class Outcome:
    ref: str
    area: str
    text: str
    needs: list[str] = field(default_factory=list)


@dataclass
class Provision:
    """One provision, with the DfE template's five prompts: what, who, ratio, how often, how long."""

    ref: str
    section: str
    area: str
    support: str
    who: str = ""
    ratio: str = ""
    how_often: str = ""
    how_long: str = ""
    needs: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)


@dataclass
class Advice:
    """A row of Section K: whose advice was asked for, and when it was asked for and received.

    `email` is where the adviser is asked to confirm their sections of a draft; it is never printed in
    the plan itself.
    """

    agency: str
    adviser: str
    requested: date | None = None
    received: date | None = None
    email: str = ""


@dataclass
class EhcPlan:
    """The plan's content. `sections` holds each lettered section's own words (empty when absent)."""

    child_name: str = ""
    year_group: int | None = None
    status: str = "draft"  # draft, final or amended
    issued_on: date | None = None
    last_reviewed_on: date | None = None
    sections: dict[str, str] = field(default_factory=dict)
    merged: list[str] = field(default_factory=list)  # headings that joined sections, e.g. "H1 and H2"
    needs: list[Need] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    advice: list[Advice] = field(default_factory=list)
    confirmed: dict[str, date | None] = field(default_factory=dict)  # agency -> date it confirmed its part

    def has_section(self, code: str) -> bool:
        if code in self.sections and self.sections[code].strip():
            return True
        if code in NEED_SECTIONS:
            return any(n.section == code for n in self.needs)
        if code in PROVISION_SECTIONS:
            return any(p.section == code for p in self.provisions)
        if code == "E":
            return bool(self.outcomes)
        if code == "K":
            return bool(self.advice)
        return False

    def in_area_order(self) -> EhcPlan:
        """The same plan with needs, outcomes and provision by section, then by the four broad areas."""
        area = {key: i for i, key in enumerate(AREAS)}
        section = {key: i for i, key in enumerate(SECTIONS)}
        return replace(
            self,
            needs=sorted(self.needs, key=lambda n: (section[n.section], area.get(n.area, len(area)))),
            outcomes=sorted(self.outcomes, key=lambda o: area.get(o.area, len(area))),
            provisions=sorted(
                self.provisions, key=lambda p: (section[p.section], area.get(p.area, len(area)))
            ),
        )

    def agencies_with_content(self) -> set[str]:
        """The agencies whose sections (C, D, G, H) say something: each must confirm its part."""
        found = {AGENCY_FOR_SECTION[n.section] for n in self.needs if n.section in AGENCY_FOR_SECTION}
        found |= {AGENCY_FOR_SECTION[p.section] for p in self.provisions if p.section in AGENCY_FOR_SECTION}
        return found


def year_group_on(date_of_birth: date | None, day: date) -> int | None:
    """The school year group on `day`: Reception (0) for those who were 4 on the 31 August before."""
    if date_of_birth is None:
        return None
    start = date(day.year if day.month >= 9 else day.year - 1, 8, 31)
    age = (
        start.year
        - date_of_birth.year
        - ((start.month, start.day) < (date_of_birth.month, date_of_birth.day))
    )
    return age - 4
