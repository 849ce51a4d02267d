"""Counting the KPIs that come from outside the case records. Pure Python, no Django.

Waiting lists give a median wait, the share seen within the service's target and the children
with two or more cancelled appointments; schools data gives suspension, exclusion and attendance
rates by academic year; finance data gives high needs spend against funding by financial year;
the EHC plan audits give the share of audited plans judged good or better.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sendtrack.ehcplan.grading import GOOD_OR_BETTER
from sendtrack.performance import kpis
from sendtrack.performance.counting import AS_OF_PERIOD, Key, Tally
from sendtrack.statutory.dates import months_before


@dataclass(frozen=True, slots=True)
class WaitingRow:
    service: str
    referral_date: date
    first_appointment: date | None
    cancelled_appointments: int


@dataclass(frozen=True, slots=True)
class TermRow:
    academic_year: str
    sen_status: str
    pupils: int
    suspensions: int
    permanent_exclusions: int
    sessions_possible: int
    sessions_attended: int


@dataclass(frozen=True, slots=True)
class BudgetRow:
    financial_year: str
    funding: int
    spend: int


def count_waiting_lists(rows: Iterable[WaitingRow], as_of: date) -> dict[Key, Tally]:
    tallies: dict[Key, Tally] = defaultdict(Tally)
    waits: dict[str, list[float]] = defaultdict(list)
    year_ago = months_before(as_of, 12)
    for row in rows:
        if row.referral_date > as_of or row.service not in kpis.WAITING_LIST_SERVICES:
            continue
        target_days = 7 * kpis.WAITING_LIST_SERVICES[row.service][1]
        seen = row.first_appointment if row.first_appointment and row.first_appointment <= as_of else None
        waited = ((seen or as_of) - row.referral_date).days
        if seen is not None and seen > year_ago:
            waits[row.service].append(waited / 7)
        if seen is not None or waited > target_days:
            tally = tallies[(f"waiting_seen_within_target:{row.service}", AS_OF_PERIOD, "", "")]
            tally.denominator += 1
            tally.numerator += seen is not None and waited <= target_days
        cancelled = tallies[(f"waiting_two_cancellations:{row.service}", AS_OF_PERIOD, "", "")]
        cancelled.denominator += 1
        cancelled.numerator += row.cancelled_appointments >= 2
    for service, weeks in waits.items():
        tallies[(f"waiting_median_weeks:{service}", AS_OF_PERIOD, "", "")] = Tally(
            numerator=0, denominator=len(weeks), value=round(statistics.median(weeks), 1)
        )
    return dict(tallies)


def count_terms(rows: Iterable[TermRow]) -> dict[Key, Tally]:
    tallies: dict[Key, Tally] = defaultdict(Tally)
    for row in rows:
        if row.sen_status not in kpis.SEN_STATUSES:
            continue
        year, status = row.academic_year, row.sen_status
        for family, numerator, denominator in (
            ("suspension_rate", row.suspensions, row.pupils),
            ("permanent_exclusion_rate", row.permanent_exclusions, row.pupils),
            ("attendance_rate", row.sessions_attended, row.sessions_possible),
        ):
            tally = tallies[(f"{family}:{status}", year, "", "")]
            tally.numerator += numerator
            tally.denominator += denominator
    return dict(tallies)


def count_budgets(rows: Iterable[BudgetRow]) -> dict[Key, Tally]:
    return {
        ("high_needs_spend_to_budget", row.financial_year, "", ""): Tally(
            numerator=row.spend, denominator=row.funding
        )
        for row in rows
    }


def count_plan_audits(grades: Iterable[str]) -> dict[Key, Tally]:
    """Each audited plan's overall grade: the share good or better."""
    graded = list(grades)
    if not graded:
        return {}
    return {
        ("plans_judged_good", AS_OF_PERIOD, "", ""): Tally(
            numerator=sum(1 for grade in graded if grade in GOOD_OR_BETTER), denominator=len(graded)
        )
    }
