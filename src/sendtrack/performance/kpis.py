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


def _case_kpis() -> list[Kpi]:
    kpis = [
        Kpi(
            "final_plan_20wk_incl_exceptions",
            "Final EHC plans issued within 20 weeks, including exceptions",
            "Of the new EHC plans issued in the calendar year, the share issued within 20 weeks of the "
            "request for assessment, counting plans where an exception to the time limit applied. "
            "Counted by the year the plan was issued, as the DfE does. " + DISPUTE_NOTE,
            "new plans issued in the year within 20 weeks of the request",
            "new plans issued in the year",
            HIGHER,
            SHARE,
            CALENDAR_YEAR,
            CASE_RECORDS,
            comparable_national=True,
            breakdowns=CASE_BREAKDOWNS,
            headline=True,
        ),
        Kpi(
            "final_plan_20wk_excl_exceptions",
            "Final EHC plans issued within 20 weeks, excluding exceptions",
            "As the 'including exceptions' measure, but leaving out plans where a recorded exception "
            "to the 20-week limit applied (regulation 13(3)). This is the figure the DfE headlines. "
            + DISPUTE_NOTE,
            "new plans issued in the year within 20 weeks, with no exception",
            "new plans issued in the year with no exception",
            HIGHER,
            SHARE,
            CALENDAR_YEAR,
            CASE_RECORDS,
            comparable_national=True,
            breakdowns=CASE_BREAKDOWNS,
            headline=True,
        ),
        Kpi(
            "assessment_decision_6wk",
            "Decisions whether to assess made within 6 weeks",
            "Of the decisions made in the calendar year on whether to carry out an EHC needs "
            "assessment, the share made within 6 weeks of the request (regulation 5(1)).",
            "decisions made in the year within 6 weeks of the request",
            "decisions whether to assess made in the year",
            HIGHER,
            SHARE,
            CALENDAR_YEAR,
            CASE_RECORDS,
            breakdowns=CASE_BREAKDOWNS,
            headline=True,
        ),
    ]
    for key, words in ADVICE_AGENCIES.items():
        kpis.append(
            Kpi(
                f"advice_6wk:{key}",
                f"Advice from {words} within 6 weeks",
                f"Of the pieces of advice for EHC needs assessments received from {words} in the "
                "calendar year, the share received within 6 weeks of the request for it "
                "(regulation 8(1) for health; Code of Practice guidance for other advisers).",
                f"advice from {words} received in the year within 6 weeks",
                f"advice from {words} received in the year",
                HIGHER,
                SHARE,
                CALENDAR_YEAR,
                CASE_RECORDS,
                breakdowns=CASE_BREAKDOWNS,
                headline=key == "health",
            )
        )
    kpis += [
        Kpi(
            "annual_review_12m",
            "Annual reviews held within 12 months",
            "Of the annual reviews that fell due in the calendar year, the share whose review meeting "
            "was held within 12 months of the plan being issued or last reviewed (Children and "
            "Families Act 2014, section 44). A review never held counts as late.",
            "reviews due in the year that were held in time",
            "reviews due in the year (plans ceased before their review are left out)",
            HIGHER,
            SHARE,
            CALENDAR_YEAR,
            CASE_RECORDS,
            breakdowns=CASE_BREAKDOWNS,
            headline=True,
        ),
        Kpi(
            "review_decision_4wk",
            "Review decisions sent within 4 weeks of the meeting",
            "Of the review decisions that fell due in the calendar year, the share sent within 4 weeks "
            "of the review meeting (regulation 20(10)).",
            "review decisions due in the year that were made in time",
            "review decisions due in the year",
            HIGHER,
            SHARE,
            CALENDAR_YEAR,
            CASE_RECORDS,
            breakdowns=CASE_BREAKDOWNS,
        ),
        Kpi(
            "amended_plan_8wk",
            "Amended plans issued within 8 weeks of the amendment notice",
            "Of the amended plans that fell due in the calendar year, the share issued (or the "
            "amendments withdrawn) within 8 weeks of the amendment notice (regulation 22(3)).",
            "amended plans due in the year issued in time",
            "amended plans due in the year",
            HIGHER,
            SHARE,
            CALENDAR_YEAR,
            CASE_RECORDS,
            breakdowns=CASE_BREAKDOWNS,
        ),
        Kpi(
            "plans_without_review_12m",
            "Plans with no review for over 12 months",
            "Of the EHC plans maintained on the date of the figures, the share not reviewed (or, if "
            "never reviewed, not issued) for more than 12 months.",
            "plans whose last review or issue was more than 12 months ago",
            "plans maintained on the date",
            LOWER,
            SHARE,
            AS_OF,
            CASE_RECORDS,
            breakdowns=CASE_BREAKDOWNS,
            headline=True,
        ),
        Kpi(
            "plans_without_review_24m",
            "Plans with no review for over 24 months",
            "As the 12-month measure, for plans not reviewed for more than 24 months.",
            "plans whose last review or issue was more than 24 months ago",
            "plans maintained on the date",
            LOWER,
            SHARE,
            AS_OF,
            CASE_RECORDS,
            breakdowns=CASE_BREAKDOWNS,
        ),
        Kpi(
            "phase_transfer_on_time",
            "Phase transfer reviews finished on time",
            "Of the phase transfer reviews due in the calendar year, the share finished by the "
            "statutory date: 15 February for a move between schools, 31 March for a move into "
            "post-16 education (regulation 18).",
            "phase transfer reviews due in the year finished on time",
            "phase transfer reviews due in the year",
            HIGHER,
            SHARE,
            CALENDAR_YEAR,
            CASE_RECORDS,
            breakdowns=CASE_BREAKDOWNS,
        ),
        Kpi(
            "quorate_panel_decisions",
            "Decisions made by a quorate panel",
            "Of the decisions whether to assess and whether to issue a plan made at a panel in the "
            "calendar year, the share where education, health and social care were all present.",
            "panel decisions with all three agencies present",
            "decisions recorded as made at a panel",
            HIGHER,
            SHARE,
            CALENDAR_YEAR,
            CASE_EVENTS,
        ),
        Kpi(
            "requests_received",
            "Requests for assessment received",
            "The number of requests for an EHC needs assessment received in the calendar year.",
            "requests received in the year",
            "",
            NEUTRAL,
            COUNT,
            CALENDAR_YEAR,
            CASE_RECORDS,
            comparable_national=True,
            breakdowns=CASE_BREAKDOWNS,
        ),
        Kpi(
            "requests_refused_share",
            "Requests refused an assessment",
            "Of the decisions whether to assess made in the calendar year, the share that refused "
            "an assessment.",
            "decisions in the year not to assess",
            "decisions whether to assess made in the year",
            NEUTRAL,
            SHARE,
            CALENDAR_YEAR,
            CASE_EVENTS,
            comparable_national=True,
        ),
        Kpi(
            "plans_issued",
            "New EHC plans issued",
            "The number of new EHC plans issued in the calendar year (first plans after an assessment).",
            "new plans issued in the year",
            "",
            NEUTRAL,
            COUNT,
            CALENDAR_YEAR,
            CASE_RECORDS,
            comparable_national=True,
            breakdowns=CASE_BREAKDOWNS,
            headline=True,
        ),
        Kpi(
            "active_plans",
            "EHC plans maintained",
            "The number of EHC plans maintained on the date of the figures.",
            "plans maintained on the date",
            "",
            NEUTRAL,
            COUNT,
            AS_OF,
            CASE_RECORDS,
            comparable_national=True,
            breakdowns=CASE_BREAKDOWNS,
        ),
        Kpi(
            "open_requests",
            "Requests still open",
            "The number of requests for assessment not yet finished (no final plan, refusal or "
            "withdrawal) on the date of the figures, by the stage they have reached.",
            "open requests on the date",
            "",
            NEUTRAL,
            COUNT,
            AS_OF,
            CASE_RECORDS,
            breakdowns=(STAGE,),
            headline=True,
        ),
    ]
    for code, words in STAGE_NAMES.items():
        kpis.append(
            Kpi(
                f"open_requests:{code}",
                f"Open requests at stage: {words}",
                f"The number of open requests for assessment whose latest stage is '{words}'.",
                f"open requests at '{words}'",
                "",
                NEUTRAL,
                COUNT,
                AS_OF,
                CASE_RECORDS,
            )
        )
    for code, words in NEED_NAMES.items():
        kpis.append(
            Kpi(
                f"primary_need_mix:{code}",
                f"Plans for {words}",
                f"Of the EHC plans maintained on the date of the figures, the share whose primary "
                f"need is {words} ({code}).",
                f"plans with primary need {code}",
                "plans maintained on the date",
                NEUTRAL,
                SHARE,
                AS_OF,
                CASE_RECORDS,
                comparable_national=True,
            )
        )
    return kpis


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
            Kpi(
                f"suspension_rate:{code}",
                f"Suspensions of {words}",
                f"Suspensions of {words} in the academic year, per pupil (the number of suspensions "
                "divided by the number of pupils; a pupil suspended twice counts twice).",
                "suspensions in the year",
                "pupils",
                LOWER,
                SHARE,
                ACADEMIC_YEAR,
                SCHOOLS_DATA,
            ),
            Kpi(
                f"permanent_exclusion_rate:{code}",
                f"Permanent exclusions of {words}",
                f"Permanent exclusions of {words} in the academic year, per pupil.",
                "permanent exclusions in the year",
                "pupils",
                LOWER,
                SHARE,
                ACADEMIC_YEAR,
                SCHOOLS_DATA,
            ),
            Kpi(
                f"attendance_rate:{code}",
                f"Attendance of {words}",
                f"The share of possible school sessions attended by {words} in the academic year.",
                "sessions attended",
                "possible sessions",
                HIGHER,
                SHARE,
                ACADEMIC_YEAR,
                SCHOOLS_DATA,
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
    return kpis


KPIS: tuple[Kpi, ...] = tuple(_case_kpis() + _other_source_kpis())
BY_ID: Mapping[str, Kpi] = MappingProxyType({kpi.id: kpi for kpi in KPIS})
HEADLINE: tuple[Kpi, ...] = tuple(kpi for kpi in KPIS if kpi.headline)


def get(kpi_id: str) -> Kpi | None:
    return BY_ID.get(kpi_id)


def family_of(kpi_id: str) -> list[Kpi]:
    family = kpi_id.split(":", 1)[0]
    return [kpi for kpi in KPIS if kpi.family == family]
