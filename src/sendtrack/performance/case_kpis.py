"""The KPIs counted from case records: the catalogue's first part. Pure data, no Django.

The 20-week measures, cohorts of requests and annual review decisions are counted as the DfE counts
them from the SEN2 return (docs/decisions/0012-kpis-counted-as-the-dfe-counts.md), so a council's
figure can sit beside its published one; the others are sendtrack's own, marked
"local measure, not comparable".
"""

from __future__ import annotations

from typing import Any

from sendtrack.performance.kpi_terms import (
    ADVICE_AGENCIES,
    AS_OF,
    CALENDAR_YEAR,
    CASE_BREAKDOWNS,
    CASE_EVENTS,
    CASE_RECORDS,
    COUNT,
    DISPUTE_NOTE,
    HIGHER,
    LOWER,
    NEED_NAMES,
    NEUTRAL,
    SHARE,
    STAGE,
    STAGE_NAMES,
    TIMELINESS_BREAKDOWNS,
    WEEKS,
    Kpi,
)

EXCEPTIONS = {
    "incl_exceptions": (
        "including exceptions",
        "every new plan issued in the year",
        "",
    ),
    "excl_exceptions": (
        "excluding exceptions",
        "new plans issued in the year with no recorded exception",
        " Plans with a recorded exception to the 20-week limit (regulation 13(3); the return's Week20) "
        "are left out.",
    ),
}

# The request cohort's outcomes, as the DfE's requests file publishes them.
REQUEST_OUTCOMES = {
    "assessed": "assessed",
    "refused": "refused an assessment",
    "withdrawn": "withdrawn before a decision",
    "open": "still waiting for a decision",
}


def _from_cases(
    kpi_id: str,
    name: str,
    definition: str,
    numerator: str,
    denominator: str,
    polarity: str,
    unit: str,
    period: str = CALENDAR_YEAR,
    **options: Any,
) -> Kpi:
    """A KPI counted from case records, by calendar year unless `period` says otherwise."""
    return Kpi(
        kpi_id, name, definition, numerator, denominator, polarity, unit, period, CASE_RECORDS, **options
    )


def _timeliness() -> list[Kpi]:
    kpis = []
    for suffix, (words, denominator, left_out) in EXCEPTIONS.items():
        kpis += [
            _from_cases(
                f"final_plan_20wk_{suffix}",
                f"Final EHC plans issued within 20 weeks, {words}",
                "Of the new EHC plans issued in the calendar year, the share issued within 20 weeks "
                "of the request for assessment, counted by the year the plan was issued, as the DfE "
                f"counts it from the SEN2 return.{left_out} {DISPUTE_NOTE}",
                "new plans issued in the year within 20 weeks of the request",
                denominator,
                HIGHER,
                SHARE,
                comparable_national=True,
                breakdowns=TIMELINESS_BREAKDOWNS,
                headline=True,
            ),
            _from_cases(
                f"final_plan_mean_weeks_{suffix}",
                f"Average weeks to issue a final EHC plan, {words}",
                "The mean number of weeks from the request for assessment to the final plan, over "
                f"the new plans issued in the calendar year, as the DfE publishes it.{left_out}",
                "weeks from request to final plan",
                denominator,
                LOWER,
                WEEKS,
                comparable_national=True,
                breakdowns=TIMELINESS_BREAKDOWNS,
            ),
            _from_cases(
                f"final_plan_over_20wk_within_year_{suffix}",
                f"Final EHC plans issued after 20 weeks but within a year, {words}",
                "Of the new EHC plans issued in the calendar year, the share issued more than 20 "
                f"weeks but no more than 52 weeks after the request, as the DfE publishes it.{left_out}",
                "new plans issued in the year after more than 20 weeks, within 52 weeks",
                denominator,
                LOWER,
                SHARE,
                comparable_national=True,
                breakdowns=TIMELINESS_BREAKDOWNS,
            ),
            _from_cases(
                f"final_plan_over_year_{suffix}",
                f"Final EHC plans issued after more than a year, {words}",
                "Of the new EHC plans issued in the calendar year, the share issued more than 52 "
                f"weeks after the request, as the DfE publishes it.{left_out}",
                "new plans issued in the year more than 52 weeks after the request",
                denominator,
                LOWER,
                SHARE,
                comparable_national=True,
                breakdowns=TIMELINESS_BREAKDOWNS,
            ),
        ]
    return kpis


def _requests() -> list[Kpi]:
    kpis = [
        _from_cases(
            "assessment_decision_6wk",
            "Decisions whether to assess made within 6 weeks",
            "Of the requests for assessment received in the calendar year that have had a decision "
            "whether to assess, the share decided within 6 weeks of the request (regulation 5(1)). "
            "Counted by the year the request was received, as the DfE counts it.",
            "requests received in the year decided within 6 weeks",
            "requests received in the year with a decision whether to assess",
            HIGHER,
            SHARE,
            comparable_national=True,
            breakdowns=CASE_BREAKDOWNS,
            headline=True,
        ),
        _from_cases(
            "requests_received",
            "Requests for assessment received",
            "The number of requests for an EHC needs assessment received in the calendar year.",
            "requests received in the year",
            "",
            NEUTRAL,
            COUNT,
            comparable_national=True,
            breakdowns=CASE_BREAKDOWNS,
        ),
    ]
    for code, words in REQUEST_OUTCOMES.items():
        kpis.append(
            _from_cases(
                f"request_outcome:{code}",
                f"Requests received in the year: {words}",
                f"The number of requests for assessment received in the calendar year that were {words} "
                "on the date of the figures, as the DfE's requests file counts them.",
                f"requests received in the year {words}",
                "",
                NEUTRAL,
                COUNT,
                comparable_national=True,
            )
        )
    kpis.append(
        Kpi(
            "requests_refused_share",
            "Decisions not to assess",
            "Of the decisions whether to assess made in the calendar year, the share that refused "
            "an assessment. Counted by the year of the decision, not of the request.",
            "decisions in the year not to assess",
            "decisions whether to assess made in the year",
            NEUTRAL,
            SHARE,
            CALENDAR_YEAR,
            CASE_EVENTS,
        )
    )
    return kpis


def _advice() -> list[Kpi]:
    return [
        _from_cases(
            f"advice_6wk:{key}",
            f"Advice from {words} within 6 weeks",
            f"Of the pieces of advice for EHC needs assessments received from {words} in the "
            "calendar year, the share received within 6 weeks of the request for it "
            "(regulation 8(1) for health; Code of Practice guidance for other advisers).",
            f"advice from {words} received in the year within 6 weeks",
            f"advice from {words} received in the year",
            HIGHER,
            SHARE,
            breakdowns=CASE_BREAKDOWNS,
            headline=key == "health",
        )
        for key, words in ADVICE_AGENCIES.items()
    ]


def _plans_and_reviews() -> list[Kpi]:
    return [
        _from_cases(
            "annual_review_12m",
            "Annual reviews held within 12 months",
            "Of the annual reviews that fell due in the calendar year, the share whose review meeting "
            "was held within 12 months of the plan being issued or last reviewed (Children and "
            "Families Act 2014, section 44). A review never held counts as late.",
            "reviews due in the year that were held in time",
            "reviews due in the year (plans ceased before their review are left out)",
            HIGHER,
            SHARE,
            breakdowns=CASE_BREAKDOWNS,
            headline=True,
        ),
        _from_cases(
            "review_decision_4wk",
            "Review decisions sent within 4 weeks of the meeting",
            "Of the annual review meetings held in the calendar year, the share whose decision was "
            "sent within 4 weeks of the meeting (regulation 20(10)), counted by the year of the "
            "meeting as the DfE's annual reviews file counts them. A decision not yet sent when the "
            "4 weeks have run counts as late.",
            "review meetings in the year with a decision within 4 weeks",
            "review meetings in the year",
            HIGHER,
            SHARE,
            comparable_national=True,
            breakdowns=CASE_BREAKDOWNS,
        ),
        _from_cases(
            "amended_plan_8wk",
            "Amended plans issued within 8 weeks of the amendment notice",
            "Of the amended plans that fell due in the calendar year, the share issued (or the "
            "amendments withdrawn) within 8 weeks of the amendment notice (regulation 22(3)).",
            "amended plans due in the year issued in time",
            "amended plans due in the year",
            HIGHER,
            SHARE,
            breakdowns=CASE_BREAKDOWNS,
        ),
        _from_cases(
            "plans_without_review_12m",
            "Plans with no review for over 12 months",
            "Of the EHC plans maintained on the date of the figures, the share not reviewed (or, if "
            "never reviewed, not issued) for more than 12 months.",
            "plans whose last review or issue was more than 12 months ago",
            "plans maintained on the date",
            LOWER,
            SHARE,
            AS_OF,
            breakdowns=CASE_BREAKDOWNS,
            headline=True,
        ),
        _from_cases(
            "plans_without_review_24m",
            "Plans with no review for over 24 months",
            "As the 12-month measure, for plans not reviewed for more than 24 months.",
            "plans whose last review or issue was more than 24 months ago",
            "plans maintained on the date",
            LOWER,
            SHARE,
            AS_OF,
            breakdowns=CASE_BREAKDOWNS,
        ),
        _from_cases(
            "phase_transfer_on_time",
            "Phase transfer reviews finished on time",
            "Of the phase transfer reviews due in the calendar year, the share finished by the "
            "statutory date: 15 February for a move between schools, 31 March for a move into "
            "post-16 education (regulation 18).",
            "phase transfer reviews due in the year finished on time",
            "phase transfer reviews due in the year",
            HIGHER,
            SHARE,
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
        _from_cases(
            "plans_issued",
            "New EHC plans issued",
            "The number of new EHC plans issued in the calendar year (first plans after an assessment).",
            "new plans issued in the year",
            "",
            NEUTRAL,
            COUNT,
            comparable_national=True,
            breakdowns=CASE_BREAKDOWNS,
            headline=True,
        ),
        _from_cases(
            "active_plans",
            "EHC plans maintained",
            "The number of EHC plans maintained on the date of the figures.",
            "plans maintained on the date",
            "",
            NEUTRAL,
            COUNT,
            AS_OF,
            comparable_national=True,
            breakdowns=CASE_BREAKDOWNS,
        ),
    ]


def _open_requests_and_needs() -> list[Kpi]:
    kpis = [
        _from_cases(
            "open_requests",
            "Requests still open",
            "The number of requests for assessment not yet finished (no final plan, refusal or "
            "withdrawal) on the date of the figures, by the stage they have reached.",
            "open requests on the date",
            "",
            NEUTRAL,
            COUNT,
            AS_OF,
            breakdowns=(STAGE,),
            headline=True,
        )
    ]
    kpis += [
        _from_cases(
            f"open_requests:{code}",
            f"Open requests at stage: {words}",
            f"The number of open requests for assessment whose latest stage is '{words}'.",
            f"open requests at '{words}'",
            "",
            NEUTRAL,
            COUNT,
            AS_OF,
        )
        for code, words in STAGE_NAMES.items()
    ]
    kpis += [
        _from_cases(
            f"primary_need_mix:{code}",
            f"Plans for {words}",
            f"Of the EHC plans maintained on the date of the figures, the share whose primary "
            f"need is {words} ({code}).",
            f"plans with primary need {code}",
            "plans maintained on the date",
            NEUTRAL,
            SHARE,
            AS_OF,
            comparable_national=True,
        )
        for code, words in NEED_NAMES.items()
    ]
    return kpis


def case_kpis() -> list[Kpi]:
    return _timeliness() + _requests() + _advice() + _plans_and_reviews() + _open_requests_and_needs()
