"""The analysts' validation rules, each with a worked example that breaks it and one that passes."""

from __future__ import annotations

from datetime import date

import pytest

from sendtrack.inspection.lists import LIST_2_FIELDS, PlanDates, build_row
from sendtrack.inspection.validation import validate

AS_OF = date(2026, 5, 18)
GOOD = {
    "ref": "P1",
    "date_of_birth": "2014-09-12",
    "sex": "M",
    "ethnicity": "WBRI",
    "primary_need": "ASD",
    "upn": "A999200011000",
    "setting": "131204",
}
PLAN = PlanDates(date(2024, 5, 20), date(2025, 9, 1), date(2025, 5, 12))


def codes(person: dict, plan: PlanDates | None = PLAN, *, ref: str = "P1") -> set[str]:
    row = build_row(unique_id=ref, case_ref=f"NB-{ref}", person=person, plan=plan, census=None)
    return {issue.code for issue in validate([row], AS_OF)}


def test_a_complete_row_passes_every_rule():
    assert codes(GOOD) == set()


@pytest.mark.parametrize(
    ("field", "code"),
    [("date_of_birth", "101a"), ("sex", "101b"), ("ethnicity", "101c"), ("primary_need", "101d")],
)
def test_101_missing_fields(field, code):
    assert code in codes({**GOOD, field: None})


def test_101b_an_unrecognised_gender_counts_as_missing():
    assert "101b" in codes({**GOOD, "sex": "X"})


def test_102a_age_25_is_a_query_and_102b_age_26_an_error():
    assert codes({**GOOD, "date_of_birth": "2001-05-18", "setting": None}) >= {"102a"}
    assert "102b" not in codes({**GOOD, "date_of_birth": "2001-05-18"})
    assert "102b" in codes({**GOOD, "date_of_birth": "2000-05-18"})
    assert "102a" not in codes({**GOOD, "date_of_birth": "2001-05-19"})  # still 24 on 18 May 2026


def test_105_dates_after_the_list_date():
    assert "105a" in codes({**GOOD, "date_of_birth": "2026-06-01"})
    assert "105b" in codes(GOOD, PlanDates(date(2026, 5, 19), None, None))
    assert "105c" in codes(GOOD, PlanDates(date(2024, 5, 20), date(2026, 7, 1), None))
    assert "105d" in codes(GOOD, PlanDates(date(2024, 5, 20), None, date(2026, 5, 19)))


def test_106_initial_plan_after_the_update_or_the_review():
    assert "106a" in codes(GOOD, PlanDates(date(2025, 1, 10), date(2024, 12, 1), None))
    assert "106b" in codes(GOOD, PlanDates(date(2025, 1, 10), None, date(2024, 12, 1)))
    assert not {"106a", "106b"} & codes(
        GOOD, PlanDates(date(2025, 1, 10), date(2025, 1, 10), date(2025, 2, 1))
    )


def test_107_a_child_of_six_needs_a_upn_uln_or_a_reason():
    six = {**GOOD, "date_of_birth": "2020-05-18", "upn": None}
    assert "107" in codes(six)
    assert "107" not in codes({**six, "uln": "1234567890"})
    assert "107" not in codes({**six, "upn_unknown": "UN2"})
    assert "107" not in codes({**six, "date_of_birth": "2020-05-19"})  # five the day before


def test_108a_school_age_without_a_setting_and_108b_home_educated_without_a_urn():
    assert "108a" in codes({**GOOD, "setting": None})
    assert "108a" not in codes({**GOOD, "setting": None, "date_of_birth": "2008-01-01"})  # 18
    assert "108b" in codes({**GOOD, "setting": None, "elective_home_education": True})
    assert "108b" not in codes({**GOOD, "elective_home_education": True})


def test_109_a_duplicate_upn_keeps_the_row_with_the_most_recent_initial_plan():
    older = build_row(unique_id="P1", case_ref="NB-P1", person=GOOD, plan=PLAN, census=None)
    newer_plan = PlanDates(date(2025, 3, 3), None, None)
    newer = build_row(unique_id="P2", case_ref="NB-P2", person=GOOD, plan=newer_plan, census=None)
    issues = validate([older, newer], AS_OF)
    assert [(i.code, i.unique_id) for i in issues] == [("109", "P1")]


def test_list_2_runs_the_same_checks_numbered_2xx():
    row = build_row(
        unique_id="P1",
        case_ref="NB-P1",
        person={**GOOD, "ethnicity": None},
        plan=None,
        census=None,
        fields=LIST_2_FIELDS,
    )
    assert {i.code for i in validate([row], AS_OF, list_number=2)} == {"201c"}
