"""A 94-action plan shaped like Lancashire's SEND improvement plan of April 2019.

The article (shared/context/004) reports, for the version of mid-April 2019 discussed on
16 May 2019: 94 commitments; work not started on a third (31); of the 63 started, 23 complete or
in their final stages, 39 ongoing and 1 (the electronic EHC plan system) at risk. Four ambitions;
twelve significant areas of concern from the 2017 inspection. The planned-start and due dates
below give 9 not-started actions past their planned start and 12 actions past their due date.
"""

from __future__ import annotations

import datetime as dt
import itertools

AS_OF = dt.date(2019, 5, 16)
PLAN_NAME = "Lancashire SEND improvement plan 2019-2020"
SENTENCE = (
    "94 actions. Work has not started on 31 (33%), 9 of them past their planned start date. "
    "Of the 63 started, 23 are complete or in their final stages, 39 are ongoing and 1 is at risk. "
    "12 actions are past their due date."
)
SUMMARY_JSON = {
    "total": 94,
    "not_started": 31,
    "not_started_past_start": 9,
    "started": 63,
    "complete_or_final": 23,
    "in_progress": 39,
    "at_risk": 1,
    "past_due": 12,
    "as_of": "2019-05-16",
}

HEADERS = [
    "Ref",
    "Area of weakness",
    "Ambition",
    "Commitment",
    "Lead officer",
    "Lead organisation",
    "Provisional start date",
    "Completion date",
    "Progress status",
    "RAG rating",
    "Progress update",
    "Success measure",
    "Evidence of impact",
    "Funding source",
]

AMBITIONS = [
    "Meeting the needs of children and young people",
    "Being child and family centred",
    "Helping young people achieve their ambitions",
    "A system of equal partners",
]
WEAKNESSES = [
    "Leaders do not have an accurate understanding of the local area",
    "There is no strategy to improve outcomes for children and young people",
    "Parents are not engaged effectively",
    "Joint commissioning arrangements are underdeveloped",
    "The quality of EHC plans is too variable",
    "EHC assessments are not completed within 20 weeks",
    "The local offer is not well known or used",
    "Health advice to EHC assessments is late",
    "Transition to adulthood is poorly planned",
    "Waiting times for neurodevelopmental assessment are too long",
    "Exclusions of children with SEND are high",
    "Monitoring of outcomes is weak",
]
LEADS = [
    ("Head of Inclusion", "Lancashire County Council"),
    ("SEND Service Manager", "Lancashire County Council"),
    ("Designated Clinical Officer", "Lancashire CCGs"),
    ("Parent Carer Forum Chair", "Parent Carer Forum"),
    ("Head of Commissioning", "Lancashire CCGs"),
    ("Principal Educational Psychologist", "Lancashire County Council"),
]
COMMITMENTS = [
    "Publish a joint SEND strategy co-produced with parents",
    "Carry out a survey of parental opinion",
    "Review the quality assurance framework for EHC plans",
    "Train SENCOs in writing outcomes",
    "Agree a joint commissioning strategy",
    "Recruit additional EHC plan writers",
    "Relaunch the local offer website",
    "Set up a neurodevelopmental pathway board",
    "Introduce multi-agency planning meetings",
    "Publish a preparing for adulthood protocol",
    "Review alternative provision commissioning",
    "Create a SEND outcomes dashboard",
]


def _rows_for(
    status: str, count: int, start: dt.date, due: dt.date, step_days: int
) -> list[dict[str, object]]:
    return [
        {
            "status": status,
            "start": start + dt.timedelta(days=step_days * i),
            "due": due + dt.timedelta(days=step_days * i),
        }
        for i in range(count)
    ]


def plan_specs() -> list[dict[str, object]]:
    """Status and dates of the 94 actions, in plan order."""
    specs = (
        # Not started: 9 past their planned start, 22 planned from June 2019 on.
        _rows_for("Not started", 5, dt.date(2019, 4, 1), dt.date(2019, 9, 30), 3)
        + _rows_for("Not yet started", 4, dt.date(2019, 5, 1), dt.date(2019, 12, 31), 2)
        + _rows_for("Planned", 22, dt.date(2019, 6, 1), dt.date(2020, 3, 31), 7)
        # Ongoing: 11 past their due date, 28 due later.
        + _rows_for("In progress", 11, dt.date(2018, 9, 1), dt.date(2019, 3, 31), 2)
        + _rows_for("On track", 20, dt.date(2018, 11, 1), dt.date(2019, 9, 30), 5)
        + _rows_for("Ongoing", 8, dt.date(2019, 1, 7), dt.date(2020, 7, 31), 3)
        # Complete or in their final stages: 23.
        + _rows_for("Complete", 10, dt.date(2018, 6, 1), dt.date(2019, 3, 31), 4)
        + _rows_for("Achieved", 4, dt.date(2018, 7, 1), dt.date(2019, 6, 30), 4)
        + _rows_for("Nearly complete", 9, dt.date(2018, 10, 1), dt.date(2019, 7, 31), 4)
        # At risk: the electronic system for EHC plans, past its due date.
        + [
            {
                "status": "Delayed",
                "start": dt.date(2018, 10, 1),
                "due": dt.date(2019, 3, 31),
                "commitment": "Implement an electronic system for education, health and care plans",
            }
        ]
    )
    assert len(specs) == 94
    return specs


RAG_FOR = {
    "Not started": "amber",
    "Not yet started": "amber",
    "Planned": "green",
    "In progress": "amber",
    "On track": "green",
    "Ongoing": "green",
    "Complete": "blue",
    "Achieved": "blue",
    "Nearly complete": "green",
    "Delayed": "red",
}


def plan_rows() -> list[dict[str, object]]:
    """The 94 rows as column name -> cell value, dates as real dates."""
    rows = []
    leads = itertools.cycle(LEADS)
    for number, spec in enumerate(plan_specs()):
        weakness = WEAKNESSES[number % len(WEAKNESSES)]
        lead, organisation = next(leads)
        ambition_index = number // 24
        rows.append(
            {
                "Ref": f"{ambition_index + 1}.{number % 24 + 1}",
                "Area of weakness": weakness,
                "Ambition": AMBITIONS[ambition_index],
                "Commitment": spec.get("commitment")
                or f"{COMMITMENTS[number % len(COMMITMENTS)]} ({number + 1})",
                "Lead officer": lead,
                "Lead organisation": organisation,
                "Provisional start date": spec["start"],
                "Completion date": spec["due"],
                "Progress status": spec["status"],
                "RAG rating": RAG_FOR[str(spec["status"])].capitalize(),
                "Progress update": ""
                if "start" in str(spec["status"]).lower() or spec["status"] == "Planned"
                else f"Update for April 2019 on action {number + 1}",
                "Success measure": "Percentage of EHC plans issued within 20 weeks"
                if number % 5 == 0
                else "",
                "Evidence of impact": "Parent survey, March 2019" if number % 7 == 0 else "",
                "Funding source": "High needs block" if number % 3 == 0 else "",
            }
        )
    return rows


def write_xlsx(
    path: object,
    rows: list[dict[str, object]],
    headers: list[str] | None = None,
    title: str = "Improvement plan",
) -> None:
    """Write rows the way a council officer's spreadsheet holds them, with openpyxl directly."""
    from openpyxl import Workbook

    headers = headers or HEADERS
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    workbook.save(path)
