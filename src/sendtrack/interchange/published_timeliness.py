"""The DfE's published 20-week timeliness file (`timeliness_20_week.csv`), read. Pure Python.

Columns as the SEN2 notes (§8) list them. A figure is a number or one of the DfE's suppression
codes (`c` confidential, `x` not available, `z` not applicable, `low` too small to show), which
are kept as they are. Reading is all or nothing: every problem is reported with its row and
column, and rows are returned only when there is none.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field

IDENTITY_COLUMNS = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
    "breakdown_topic",
    "breakdown",
)
FIGURE_COLUMNS = (
    "avg_weeks_issue_plan",
    "avg_weeks_issue_plan_exc",
    "plans_issued_den",
    "plans_issued_within_20_weeks",
    "pc_plans_issued_within_20_weeks",
    "plans_issued_den_ex",
    "plans_issued_20_weeks_ex",
    "pc_plans_issued_20_weeks_ex",
    "plans_issued_gt20weeks_ltyear",
    "pc_plans_issued_gt20weeks_ltyear",
    "plans_issued_gt20weeks_ltyear_ex",
    "pc_plans_issued_gt20weeks_ltyear_ex",
    "plans_issued_gt_1_year",
    "pc_plans_issued_gt_1_year",
    "plans_issued_gt_1_year_ex",
    "pc_plans_issued_gt_1_year_ex",
)
SUPPRESSED = ("c", "x", "z", "low")
LEVELS = ("National", "Regional", "Local authority")
NATIONAL = "National"
LOCAL_AUTHORITY = "Local authority"

Figure = float | str  # a number, or a suppression code kept as published


@dataclass(frozen=True)
class PublishedRow:
    year: int
    geographic_level: str
    old_la_code: str
    name: str
    breakdown_topic: str
    breakdown: str
    figures: dict[str, Figure]


@dataclass
class Reading:
    rows: list[PublishedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lines: int = 0


def _figure(text: str) -> Figure:
    value = text.strip()
    if value.lower() in SUPPRESSED:
        return value.lower()
    number = float(value.replace(",", ""))
    if number < 0:
        raise ValueError
    return number


def read_published_timeliness(lines: Iterable[str], *, old_la_code: str) -> Reading:
    """The rows for one local authority (its `old_la_code`) and England's, or every problem."""
    reading = Reading()
    reader = csv.DictReader(lines)
    missing = [name for name in (*IDENTITY_COLUMNS, *FIGURE_COLUMNS) if name not in (reader.fieldnames or [])]
    if missing:
        reading.errors.append(
            "The file is not the DfE's timeliness_20_week.csv: column "
            + ", ".join(missing)
            + (" is" if len(missing) == 1 else " are")
            + " missing"
        )
        return reading
    found_area = False
    for number, raw in enumerate(reader, start=2):
        reading.lines += 1
        row = {key: (value or "").strip() for key, value in raw.items() if key is not None}
        problems = []
        year = row["time_period"][:4]
        if not (year.isdigit() and len(row["time_period"]) in (4, 6)):
            problems.append(
                f"Row {number}, column time_period: '{row['time_period']}' is not a year such as 2024"
            )
        level = row["geographic_level"]
        if level not in LEVELS:
            problems.append(
                f"Row {number}, column geographic_level: '{level}' is not one of " + ", ".join(LEVELS)
            )
        figures: dict[str, Figure] = {}
        for column in FIGURE_COLUMNS:
            try:
                figures[column] = _figure(row[column])
            except ValueError:
                problems.append(
                    f"Row {number}, column {column}: '{row[column]}' is not a number of 0 or more "
                    "or a suppression code (c, x, z, low)"
                )
        reading.errors += problems
        if problems:
            continue
        ours = level == LOCAL_AUTHORITY and row["old_la_code"] == old_la_code
        found_area = found_area or ours
        if ours or level == NATIONAL:
            reading.rows.append(
                PublishedRow(
                    int(year),
                    level,
                    row["old_la_code"] if ours else "",
                    row["la_name"] if ours else row["country_name"] or "England",
                    row["breakdown_topic"],
                    row["breakdown"],
                    figures,
                )
            )
    if not reading.errors and not found_area:
        reading.errors.append(f"The file has no local authority rows with old_la_code {old_la_code}")
    if reading.errors:
        reading.rows = []
    return reading
