"""The words of the KPI catalogue: units, periods, sources, breakdowns and the `Kpi` record.

Pure data, no Django. `kpis.py` builds the catalogue from these and re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from sendtrack.statutory.labels import agency_label, lower_first
from sendtrack.statutory.rules import ADVISERS

HIGHER = "higher"
LOWER = "lower"
NEUTRAL = "neutral"  # a count or a mix: neither direction is better in itself

SHARE = "share"
COUNT = "count"
WEEKS = "weeks"

CALENDAR_YEAR = "calendar_year"
AS_OF = "as_of"
ACADEMIC_YEAR = "academic_year"
FINANCIAL_YEAR = "financial_year"

CASE_RECORDS = "case records (statutory milestones worked out from case events)"
CASE_EVENTS = "case records (decisions recorded as case events)"
WAITING_LISTS = "service waiting lists imported from health providers"
SCHOOLS_DATA = "termly suspensions, exclusions and attendance imported from schools data"
HIGH_NEEDS = "high needs block funding and spend imported from the council's finance team"

# Breakdowns a case-record KPI can be split by.
NEED = "need"
AGE_GROUP = "age_group"
SETTING = "setting"
STAGE = "stage"
CASE_BREAKDOWNS = (NEED, AGE_GROUP, SETTING)
BREAKDOWN_NAMES = MappingProxyType(
    {NEED: "Primary need", AGE_GROUP: "Age group", SETTING: "Setting", STAGE: "Stage"}
)

# The DfE's age bands for EHC plans.
AGE_GROUPS = ("under 5", "5 to 10", "11 to 15", "16 to 19", "20 to 25")

# The advisers of docs/spec/case-events.md in words, as a KPI's name reads them ("Advice from health ...").
ADVICE_AGENCIES = MappingProxyType(
    {**{code: lower_first(agency_label(code)) for code in ADVISERS}, "other": "other advisers"}
)

# Services whose waiting lists are imported, with the weeks within which a child should be seen.
# 18 weeks is the NHS referral-to-treatment standard; for autism assessment NICE CG128 (1.2.3)
# says assessment should start within 3 months of referral: 13 weeks.
WAITING_LIST_SERVICES = MappingProxyType(
    {
        "speech_and_language_therapy": ("speech and language therapy", 18),
        "occupational_therapy": ("occupational therapy", 18),
        "physiotherapy": ("physiotherapy", 18),
        "paediatrics": ("community paediatrics", 18),
        "autism_assessment": ("autism assessment", 13),
        "adhd_assessment": ("ADHD assessment", 18),
        "wheelchair_services": ("wheelchair services", 18),
    }
)

SEN_STATUSES = MappingProxyType({"ehc_plan": "pupils with EHC plans", "sen_support": "pupils on SEN support"})

STAGE_NAMES = MappingProxyType(
    {
        "received": "request received",
        "assessing": "assessing",
        "awaiting_decision": "awaiting decision to issue",
        "draft_issued": "draft issued",
        "consultation": "consultation",
    }
)

NEED_NAMES = MappingProxyType(
    {
        "SPLD": "specific learning difficulty",
        "MLD": "moderate learning difficulty",
        "SLD": "severe learning difficulty",
        "PMLD": "profound and multiple learning difficulty",
        "SEMH": "social, emotional and mental health",
        "SLCN": "speech, language and communication needs",
        "HI": "hearing impairment",
        "VI": "vision impairment",
        "MSI": "multi-sensory impairment",
        "PD": "physical disability",
        "ASD": "autistic spectrum disorder",
        "OTH": "other difficulty or disability",
    }
)

DISPUTE_NOTE = (
    "Requests where mediation or a tribunal appeal started between the request and the final plan "
    "are left out: once a decision is disputed the time limits of regulations 42 to 44 apply instead. "
    "This is sendtrack's choice; the DfE's own figures split only by recorded exceptions."
)


@dataclass(frozen=True, slots=True)
class Kpi:
    id: str
    name: str
    definition: str
    numerator: str
    denominator: str
    polarity: str
    unit: str
    period: str
    source: str
    comparable_national: bool = False
    target: float | None = None
    breakdowns: tuple[str, ...] = ()
    headline: bool = False

    @property
    def family(self) -> str:
        return self.id.split(":", 1)[0]

    @property
    def member(self) -> str:
        return self.id.split(":", 1)[1] if ":" in self.id else ""

    @property
    def is_ratio(self) -> bool:
        return self.unit == SHARE


def age_group(age: int) -> str:
    """The DfE age band for an age in whole years."""
    if age < 5:
        return AGE_GROUPS[0]
    if age <= 10:
        return AGE_GROUPS[1]
    if age <= 15:
        return AGE_GROUPS[2]
    if age <= 19:
        return AGE_GROUPS[3]
    return AGE_GROUPS[4]
