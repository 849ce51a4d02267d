"""The KPI catalogue: every measure sendtrack reports, defined once, in words a councillor can read.

Pure data, no Django. Counting lives in `counting.py` (case records) and `other_sources.py`
(waiting lists, exclusions and attendance, high needs funding); the dashboard, the `kpis`
command, the API and the summary refresh all read their names and definitions from here.

A KPI id with a colon is one of a family: `advice_6wk:health` is the health member of
`advice_6wk`. `KPIS` lists every member; `family_of` finds the family of an id.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sendtrack.performance.case_kpis import case_kpis
from sendtrack.performance.kpi_terms import (
    ACADEMIC_YEAR,
    ADVICE_AGENCIES,
    AGE_GROUP,
    AGE_GROUPS,
    AS_OF,
    BREAKDOWN_NAMES,
    CALENDAR_YEAR,
    CASE_BREAKDOWNS,
    CASE_EVENTS,
    CASE_RECORDS,
    COUNT,
    DISPUTE_NOTE,
    FINANCIAL_YEAR,
    HIGH_NEEDS,
    HIGHER,
    LOWER,
    NEED,
    NEED_NAMES,
    NEUTRAL,
    PLAN_AUDITS,
    SCHOOLS_DATA,
    SEN_STATUSES,
    SETTING,
    SHARE,
    STAGE,
    STAGE_NAMES,
    WAITING_LIST_SERVICES,
    WAITING_LISTS,
    WEEKS,
    Kpi,
    age_group,
)

__all__ = [
    "ACADEMIC_YEAR",
    "ADVICE_AGENCIES",
    "AGE_GROUP",
    "AGE_GROUPS",
    "AS_OF",
    "BREAKDOWN_NAMES",
    "CALENDAR_YEAR",
    "CASE_BREAKDOWNS",
    "CASE_EVENTS",
    "CASE_RECORDS",
    "COUNT",
    "DISPUTE_NOTE",
    "FINANCIAL_YEAR",
    "HIGHER",
    "HIGH_NEEDS",
    "Kpi",
    "LOWER",
    "NEED",
    "NEED_NAMES",
    "NEUTRAL",
    "PLAN_AUDITS",
    "SCHOOLS_DATA",
    "SEN_STATUSES",
    "SETTING",
    "SHARE",
    "STAGE",
    "STAGE_NAMES",
    "WAITING_LISTS",
    "WAITING_LIST_SERVICES",
    "WEEKS",
    "age_group",
    "BY_ID",
    "HEADLINE",
    "KPIS",
    "family_of",
    "get",
]


def _schools_data_share(
    kpi_id: str, name: str, definition: str, counts: tuple[str, str], polarity: str
) -> Kpi:
    """A share over an academic year of the termly data schools send: `counts` is (numerator, denominator)."""
    numerator, denominator = counts
    return Kpi(kpi_id, name, definition, numerator, denominator, polarity, SHARE, ACADEMIC_YEAR, SCHOOLS_DATA)


def _other_source_kpis() -> list[Kpi]:
    kpis: list[Kpi] = []
    for code, (words, weeks) in WAITING_LIST_SERVICES.items():
        kpis += [
            Kpi(
                f"waiting_median_weeks:{code}",
                f"Median wait for {words}",
                f"The median number of weeks from referral to first appointment for {words}, for "
                "children first seen in the 12 months to the date of the figures.",
                "median weeks waited",
                "children first seen in the 12 months",
                LOWER,
                WEEKS,
                AS_OF,
                WAITING_LISTS,
            ),
            Kpi(
                f"waiting_seen_within_target:{code}",
                f"Seen for {words} within {weeks} weeks",
                f"Of the children referred for {words} whose wait has ended or passed {weeks} weeks, "
                f"the share seen within {weeks} weeks of referral. Children referred less than "
                f"{weeks} weeks ago and not yet seen are not counted yet.",
                f"children seen within {weeks} weeks",
                f"children seen, or waiting more than {weeks} weeks",
                HIGHER,
                SHARE,
                AS_OF,
                WAITING_LISTS,
                target=0.92 if weeks == 18 else None,
            ),
            Kpi(
                f"waiting_two_cancellations:{code}",
                f"Children with 2 or more cancelled appointments ({words})",
                f"Of the children on the {words} list, the share with two or more appointments cancelled.",
                "children with 2 or more cancellations",
                "children on the list",
                LOWER,
                SHARE,
                AS_OF,
                WAITING_LISTS,
            ),
        ]
    for code, words in SEN_STATUSES.items():
        kpis += [
            _schools_data_share(
                f"suspension_rate:{code}",
                f"Suspensions of {words}",
                f"Suspensions of {words} in the academic year, per pupil (the number of suspensions "
                "divided by the number of pupils; a pupil suspended twice counts twice).",
                ("suspensions in the year", "pupils"),
                LOWER,
            ),
            _schools_data_share(
                f"permanent_exclusion_rate:{code}",
                f"Permanent exclusions of {words}",
                f"Permanent exclusions of {words} in the academic year, per pupil.",
                ("permanent exclusions in the year", "pupils"),
                LOWER,
            ),
            _schools_data_share(
                f"attendance_rate:{code}",
                f"Attendance of {words}",
                f"The share of possible school sessions attended by {words} in the academic year.",
                ("sessions attended", "possible sessions"),
                HIGHER,
            ),
        ]
    kpis.append(
        Kpi(
            "high_needs_spend_to_budget",
            "High needs spend against funding",
            "Spend from the dedicated schools grant's high needs block in the financial year, as a "
            "share of the funding for it. Above 100% means an overspend.",
            "spend (pounds)",
            "funding (pounds)",
            LOWER,
            SHARE,
            FINANCIAL_YEAR,
            HIGH_NEEDS,
            target=1.0,
        )
    )
    kpis.append(
        Kpi(
            "plans_judged_good",
            "Audited EHC plans judged good or better",
            "Of the EHC plans graded in the area's multi-agency quality audits started in the 12 months "
            "to the date of the figures, the share whose overall grade is good or outstanding. A plan's "
            "grade is the weighted mean of every section grade its auditors gave, with the audit's "
            "weights; the automated checks never enter it. A plan audited in two rounds counts twice.",
            "plans judged good or outstanding",
            "plans graded",
            HIGHER,
            SHARE,
            AS_OF,
            PLAN_AUDITS,
        )
    )
    return kpis


KPIS: tuple[Kpi, ...] = tuple(case_kpis() + _other_source_kpis())
BY_ID: Mapping[str, Kpi] = MappingProxyType({kpi.id: kpi for kpi in KPIS})
HEADLINE: tuple[Kpi, ...] = tuple(kpi for kpi in KPIS if kpi.headline)


def get(kpi_id: str) -> Kpi | None:
    return BY_ID.get(kpi_id)


def family_of(kpi_id: str) -> list[Kpi]:
    family = kpi_id.split(":", 1)[0]
    return [kpi for kpi in KPIS if kpi.family == family]


def value_in_words(value: float | None, kpi: Kpi) -> str:
    """A KPI's figure as the pages and documents write it: "46.4%", "12.5 weeks", "1,204"."""
    if value is None:
        return "no figure yet"
    if kpi.unit == SHARE:
        return f"{value * 100:.1f}%"
    if kpi.unit == WEEKS:
        return f"{value:.1f} weeks"
    return f"{int(value):,}"
