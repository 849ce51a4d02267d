"""Worked examples of the 20-week measures and request cohorts, counted as the DfE counts them."""

from __future__ import annotations

from datetime import date, timedelta

from sendtrack.performance.counting import DecisionRow, MilestoneRow, PersonFacts, count_case_kpis

AS_OF = date(2026, 3, 2)
GIRL = PersonFacts("ASD", date(2015, 6, 1), "131204", "F", "WBRI")


def _plan(case_id: int, received: date, issued: date, *, excepted: bool = False) -> MilestoneRow:
    due = received + timedelta(weeks=20)
    status = "met" if issued <= due else "late"
    return MilestoneRow(
        case_id, "final_plan", "final_plan", received, received, due, issued, status, excepted
    )


def _decision(case_id: int, received: date, decided: date | None, status: str = "met") -> MilestoneRow:
    due = received + timedelta(weeks=6)
    return MilestoneRow(
        case_id, "assessment_decision", "assessment_decision", received, received, due, decided, status, False
    )


def _count(milestones, disputes=None, decisions=()):
    return count_case_kpis(
        milestones=milestones,
        persons={n: GIRL for n in range(1, 10)},
        decisions=decisions,
        disputes=disputes or {},
        open_stages=[],
        as_of=AS_OF,
    )


def test_a_disputed_plan_counts_in_both_measures_and_shows_in_the_local_breakdown():
    # Request 6 January 2025, mediation 2 May 2025, plan 20 May 2025: 19 weeks, in time.
    tallies = _count([_plan(1, date(2025, 1, 6), date(2025, 5, 20))], disputes={1: [date(2025, 5, 2)]})
    for suffix in ("incl_exceptions", "excl_exceptions"):
        tally = tallies[(f"final_plan_20wk_{suffix}", "2025", "", "")]
        assert (tally.numerator, tally.denominator) == (1, 1)
    disputed = tallies[
        ("final_plan_20wk_incl_exceptions", "2025", "dispute", "mediation or appeal during the request")
    ]
    assert disputed.denominator == 1


def test_the_three_bands_and_the_mean_weeks():
    tallies = _count(
        [
            _plan(1, date(2025, 1, 6), date(2025, 5, 26)),  # 140 days: within 20 weeks
            _plan(2, date(2025, 1, 6), date(2025, 5, 27)),  # 141 days: over 20 weeks
            _plan(3, date(2024, 1, 8), date(2025, 1, 6)),  # 364 days: within a year
            _plan(4, date(2024, 1, 8), date(2025, 1, 7), excepted=True),  # 365 days: over a year
        ]
    )
    within = tallies[("final_plan_20wk_incl_exceptions", "2025", "", "")]
    assert (within.numerator, within.denominator) == (1, 4)
    band = tallies[("final_plan_over_20wk_within_year_incl_exceptions", "2025", "", "")]
    assert band.numerator == 2
    assert tallies[("final_plan_over_year_incl_exceptions", "2025", "", "")].numerator == 1
    assert ("final_plan_over_year_excl_exceptions", "2025", "", "") not in tallies or (
        tallies[("final_plan_over_year_excl_exceptions", "2025", "", "")].numerator == 0
    )
    mean = tallies[("final_plan_mean_weeks_incl_exceptions", "2025", "", "")].result("weeks")
    assert mean["value"] == round((140 + 141 + 364 + 365) / 4 / 7, 1)
    assert tallies[("final_plan_mean_weeks_excl_exceptions", "2025", "", "")].denominator == 3


def test_the_timeliness_breakdowns_are_the_dfes():
    tallies = _count([_plan(1, date(2025, 1, 6), date(2025, 5, 26))])
    keys = {(dim, value) for (kpi, period, dim, value) in tallies if kpi == "final_plan_20wk_excl_exceptions"}
    assert ("age_at_request", "age 9") in keys
    assert ("sex", "Female") in keys
    assert ("ethnicity", "White - White British") in keys
    assert ("need", "ASD") in keys


def test_requests_are_counted_in_the_year_they_were_received():
    # Received 15 December 2025, decided 20 January 2026 (5 weeks 2 days): 2025's cohort.
    tallies = _count(
        [
            _decision(1, date(2025, 12, 15), date(2026, 1, 20)),
            _decision(2, date(2025, 11, 3), None, status="not_applicable"),
            _decision(3, date(2025, 12, 22), None, status="pending"),
            _decision(4, date(2025, 3, 3), date(2025, 5, 1)),
        ],
        decisions=[
            DecisionRow(1, "assessment_decision", date(2026, 1, 20), "assess", None),
            DecisionRow(4, "assessment_decision", date(2025, 5, 1), "refuse", None),
        ],
    )
    assert tallies[("requests_received", "2025", "", "")].numerator == 4
    six_weeks = tallies[("assessment_decision_6wk", "2025", "", "")]
    assert (six_weeks.numerator, six_weeks.denominator) == (1, 2)
    assert ("assessment_decision_6wk", "2026", "", "") not in tallies
    for outcome in ("assessed", "refused", "withdrawn", "open"):
        assert tallies[(f"request_outcome:{outcome}", "2025", "", "")].numerator == 1, outcome
