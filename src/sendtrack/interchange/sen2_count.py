"""The DfE's 20-week count, made from a SEN2 return's XML the way the SEN2 notes (§8) describe it.

Written apart from sendtrack's KPI counting on purpose: it reads only the XML. Every plan issued
in the calendar year (`AssessmentOutcome` Y, `AssessmentOutcomeDate` in the year) is timed from its
request's `ReceivedDate`; "excluding exceptions" leaves out the plans with `Week20` 1. Pure Python.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - reads sendtrack's own output, or a file the council chose
from dataclasses import dataclass
from datetime import date
from typing import IO

WITHIN = 140  # days: 20 weeks
A_YEAR = 364  # days: 52 weeks


@dataclass
class Band:
    plans: int = 0
    within_20_weeks: int = 0
    over_20_weeks_within_year: int = 0
    over_a_year: int = 0
    days: int = 0
    untimed: int = 0  # issued in the year with no ReceivedDate: the DfE cannot time them

    def add(self, days: int) -> None:
        self.plans += 1
        self.days += days
        if days <= WITHIN:
            self.within_20_weeks += 1
        elif days <= A_YEAR:
            self.over_20_weeks_within_year += 1
        else:
            self.over_a_year += 1

    @property
    def mean_weeks(self) -> float | None:
        return round(self.days / self.plans / 7, 1) if self.plans else None


@dataclass
class Timeliness:
    year: int
    including: Band
    excluding: Band


def count_timeliness(source: str | IO[bytes], year: int) -> Timeliness:
    """The 20-week figures for plans issued in calendar `year`, from a return's XML."""
    result = Timeliness(year, Band(), Band())
    for _event, element in ET.iterparse(source):  # noqa: S314
        if element.tag != "Requests":
            continue
        assessment = element.find("Assessment")
        if assessment is not None and assessment.findtext("AssessmentOutcome") == "Y":
            issued = date.fromisoformat(assessment.findtext("AssessmentOutcomeDate") or "")
            received = element.findtext("ReceivedDate")
            if issued.year == year:
                if not received:
                    result.including.untimed += 1
                else:
                    days = (issued - date.fromisoformat(received)).days
                    result.including.add(days)
                    if assessment.findtext("Week20") != "1":
                        result.excluding.add(days)
        element.clear()
    return result
