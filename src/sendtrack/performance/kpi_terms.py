"""The words of the KPI catalogue: units, periods, sources, breakdowns and the `Kpi` record.

Pure data, no Django. `kpis.py` builds the catalogue from these and re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from types import MappingProxyType

from sendtrack.interchange.sen2_codes import ETHNICITY_NAMES
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
PLAN_AUDITS = "multi-agency quality audits of EHC plans graded in sendtrack"

# Breakdowns a case-record KPI can be split by.
NEED = "need"
AGE_GROUP = "age_group"
SETTING = "setting"
STAGE = "stage"
AGE_AT_REQUEST = "age_at_request"
SEX = "sex"
ETHNICITY = "ethnicity"
DISPUTE = "dispute"
CASE_BREAKDOWNS = (NEED, AGE_GROUP, SETTING)
# The DfE's breakdowns of 20-week timeliness, and sendtrack's local one of disputed plans.
TIMELINESS_BREAKDOWNS = (AGE_AT_REQUEST, NEED, SEX, ETHNICITY, DISPUTE)
BREAKDOWN_NAMES = MappingProxyType(
    {
        NEED: "Primary need",
        AGE_GROUP: "Age group",
        SETTING: "Setting",
        STAGE: "Stage",
        AGE_AT_REQUEST: "Age at time of request",
        SEX: "Sex",
        ETHNICITY: "Ethnicity",
        DISPUTE: "Mediation or appeal (local breakdown)",
    }
)
DISPUTED = "mediation or appeal during the request"
NOT_DISPUTED = "no mediation or appeal"

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
    "Every plan issued in the year is counted, as the DfE counts it from the SEN2 return, whether or "
    "not mediation or a tribunal appeal was part of the request; a local breakdown shows those plans."
)
# The DfE's bands for a plan issued late: more than 20 weeks but within a year, and more than a
# year, a year being 52 weeks (its published "20-52 weeks" and "over 52 weeks").
YEAR_BAND = timedelta(weeks=52)

COMPARABLE = "as the DfE publishes it"
LOCAL_MEASURE = "local measure, not comparable"

# The DfE's words for the age at the time of the request ("age 2 and under" ... "age 20 and over").
UNKNOWN = "Unknown"


def age_at_request_band(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    if age <= 2:
        return "age 2 and under"
    if age >= 20:
        return "age 20 and over"
    return f"age {age}"


AGE_AT_REQUEST_BANDS = ("age 2 and under", *(f"age {n}" for n in range(3, 20)), "age 20 and over", UNKNOWN)

SEX_NAMES = MappingProxyType({"M": "Male", "F": "Female"})

UNCLASSIFIED = "Unclassified"


def sex_name(sex: str | None) -> str:
    return SEX_NAMES.get((sex or "").strip().upper()[:1], UNKNOWN)


def ethnicity_name(code: str | None) -> str:
    return ETHNICITY_NAMES.get((code or "").strip().upper(), UNCLASSIFIED)


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

    @property
    def comparability(self) -> str:
        """Whether the figure is counted as the DfE publishes it, or is sendtrack's own measure."""
        return COMPARABLE if self.comparable_national else LOCAL_MEASURE


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
