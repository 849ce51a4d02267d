"""List 1 from a generated area: its rows are exactly the children an independent count finds with
a plan on the notification date, and every field is in the spec's codes."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from django.core.management import call_command

from sendtrack.casework.services import import_cases
from sendtrack.demo.generator import generate_cases
from sendtrack.inspection.lists import (
    ETHNICITY_CODES,
    GENDER_CODES,
    LIST_1_FIELDS,
    NEED_CODES,
    PHASE_CODES,
)

GENERATED_AS_OF = date(2026, 11, 2)
NOTIFIED_ON = date(2026, 6, 1)
CHILDREN = 300


@pytest.fixture(scope="module")
def case_files() -> list[dict]:
    return list(generate_cases("999", CHILDREN, 11, GENERATED_AS_OF))


@pytest.fixture
def generated_area(area, case_files):
    report = import_cases((json.dumps(case) for case in case_files), area=area, as_of=GENERATED_AS_OF)
    assert report.ok, report.errors[:3]
    return area


def with_a_plan_on(case_files: list[dict], day: date) -> dict[str, dict]:
    """Written apart from the code under test: a final plan issued by `day` and no cessation since."""
    found: dict[str, dict] = {}
    for case in case_files:
        finals, ceased = [], []
        for event in case["events"]:
            when = event.get("date")
            if when is None or date.fromisoformat(when) > day:
                continue
            if event["type"] == "final_plan_issued":
                finals.append(when)
            elif event["type"] == "plan_ceased":
                ceased.append(when)
        if finals and not (ceased and max(ceased) >= max(finals)):
            found[case["person"]["ref"]] = case
    return found


def test_list_1_has_one_row_per_child_with_a_plan_on_the_notification_date(
    generated_area, case_files, capsys
):
    expected = with_a_plan_on(case_files, NOTIFIED_ON)
    later = with_a_plan_on(case_files, GENERATED_AS_OF)
    assert expected and set(later) != set(expected)  # the date matters in this area
    call_command("inspection-list".replace("-", "_"), "1", "--as-of", NOTIFIED_ON.isoformat())
    lines = capsys.readouterr().out.lstrip("\ufeff").splitlines()
    if lines[0].startswith("NOT READY"):
        lines = lines[1:]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert tuple(csv.reader([lines[0]]).__next__()) == LIST_1_FIELDS
    assert sorted(row["Unique ID"] for row in rows) == sorted(expected)
    for row in rows:
        case = expected[row["Unique ID"]]
        finals = sorted(e["date"] for e in case["events"] if e["type"] == "final_plan_issued")
        assert row["Date initial EHC plan issued"] == date.fromisoformat(finals[0]).strftime("%d/%m/%Y")


def test_every_field_of_list_1_is_in_the_spec_codes(generated_area, capsys):
    call_command("inspection_list", "1", "--as-of", NOTIFIED_ON.isoformat())
    lines = capsys.readouterr().out.lstrip("\ufeff").splitlines()
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[1:] if lines[0].startswith("NOT") else lines))))
    allowed = {
        "Gender": set(GENDER_CODES.values()),
        "Ethnicity": set(ETHNICITY_CODES.values()),
        "SEN primary need": set(NEED_CODES.values()),
        "Main education establishment – phase": set(PHASE_CODES.values()),
        "Subsidiary education establishment – phase (dual registration)": set(PHASE_CODES.values()),
        "Elective home education": {"a) Yes", "b) No"},
        "Pupil Premium": {"a) Yes", "b) No"},
        "Known to children's social care?": {"a) Yes", "b) No"},
        "Does the child or young person have a disability?": {"a) Yes", "b) No"},
    }
    dated = re.compile(r"^\d{2}/\d{2}/\d{4}$")
    assert rows
    for row in rows:
        for name, codes in allowed.items():
            assert row[name] == "" or row[name] in codes, (name, row[name])
        for name in ("Date of birth", "Date initial EHC plan issued", "Date updated EHC plan issued"):
            assert row[name] == "" or dated.match(row[name]), (name, row[name])
        assert row["Main education establishment – URN"] == "" or re.match(
            r"^\d{6}$", row["Main education establishment – URN"]
        )
    assert any(row["Gender"] == "a) Male" for row in rows)
    assert any(row["SEN primary need"] for row in rows)
