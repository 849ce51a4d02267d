"""The census and social care extract: all rows or none, each problem with row, column, value and why."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from sendtrack.casework.services import import_cases
from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.inspection.models import CensusFigures
from sendtrack.inspection.person_lists import person_list

HEADER = (
    "upn,period_end,suspensions,permanent_exclusions,absence_percent,"
    "pupil_premium,known_to_social_care,social_care_team,sen_support\n"
)
GOOD = HEADER + (
    "A999200011000,31/03/2026,2,0,12.5,yes,yes,Child in need,\nB999200012000,2026-03-31,0,0,4,no,no,,yes\n"
)


def _write(tmp_path, text: str):
    path = tmp_path / "extract.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_good_extract_is_imported_with_an_audit_row(area, tmp_path, capsys):
    call_command("import_census_extract", _write(tmp_path, GOOD), "--area", "999")
    assert "Imported 2 rows" in capsys.readouterr().out
    first = CensusFigures.objects.get(upn="A999200011000")
    assert (first.period_end, first.suspensions, first.absence_percent, first.pupil_premium) == (
        date(2026, 3, 31),
        2,
        Decimal("12.50"),
        True,
    )
    assert first.social_care_team == "Child in need"
    assert AuditEvent.objects.filter(verb=AuditVerb.CENSUS_EXTRACT_IMPORTED).count() == 1


def test_importing_the_same_extract_twice_changes_nothing(area, tmp_path):
    call_command("import_census_extract", _write(tmp_path, GOOD), "--area", "999")
    call_command("import_census_extract", _write(tmp_path, GOOD), "--area", "999")
    assert CensusFigures.objects.count() == 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "A999200011000,31/03/2026,two,0,12.5,yes,yes,,",
            "Row 3, column suspensions ('two'): must be a whole number",
        ),
        (
            "A999200011000,31/13/2026,1,0,12.5,yes,yes,,",
            "Row 3, column period_end ('31/13/2026'): not a date",
        ),
        (
            "A99920001100,31/03/2026,1,0,12.5,yes,yes,,",
            "Row 3, column upn ('A99920001100'): must be a 13-character UPN",
        ),
        (
            "A999200011000,31/03/2026,1,0,112,yes,yes,,",
            "Row 3, column absence_percent ('112'): must be a percentage",
        ),
        (
            "A999200011000,31/03/2026,1,0,12,maybe,yes,,",
            "Row 3, column pupil_premium ('maybe'): must be yes or no",
        ),
        (",31/03/2026,1,0,12,yes,yes,,", "Row 3, column upn: is empty"),
    ],
)
def test_a_bad_row_names_row_column_value_and_why_and_nothing_is_imported(
    area, tmp_path, capsys, line, expected
):
    text = GOOD.splitlines(keepends=True)
    text.insert(2, line + "\n")
    with pytest.raises(CommandError, match="Nothing imported: 1 problem in 3 rows"):
        call_command("import_census_extract", _write(tmp_path, "".join(text)), "--area", "999")
    assert expected in capsys.readouterr().err
    assert not CensusFigures.objects.exists()
    assert not AuditEvent.objects.filter(verb=AuditVerb.CENSUS_EXTRACT_IMPORTED).exists()


def test_an_unknown_column_or_a_missing_one_is_refused(area, tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command(
            "import_census_extract", _write(tmp_path, "upn,exclusions\nA999200011000,1\n"), "--area", "999"
        )
    err = capsys.readouterr().err
    assert "Header, column exclusions: is not a column this import knows" in err
    assert "Header, column period_end: is missing from the header" in err
    assert not CensusFigures.objects.exists()


def _child(ref: str, upn: str, final: str) -> dict:
    return {
        "case_ref": f"NB-{ref}",
        "person": {"ref": ref, "date_of_birth": "2015-02-01", "sex": "F", "primary_need": "SEMH", "upn": upn},
        "events": [
            {"type": "request_received", "date": "2025-01-06", "source": "parent"},
            {"type": "final_plan_issued", "date": final},
        ],
    }


def test_figures_inside_the_window_fill_the_list_and_older_ones_are_named_missing(area, tmp_path):
    children = [_child("P1", "A999200011000", "2025-05-01"), _child("P2", "B999200012000", "2025-05-01")]
    import_cases((json.dumps(c) for c in children), area=area, as_of=date(2026, 6, 1))
    old = HEADER + "B999200012000,30/11/2025,5,1,30,yes,no,,\n"
    call_command("import_census_extract", _write(tmp_path, GOOD), "--area", "999")
    call_command("import_census_extract", _write(tmp_path, old), "--area", "999")
    built = person_list(area=area, as_of=date(2026, 6, 1), number=1)
    rows = {row.unique_id: row for row in built.rows}
    assert rows["P1"].values["Suspensions"] == 2
    assert rows["P1"].values["Known to children's social care?"] == "a) Yes"
    assert rows["P2"].values["Suspensions"] == 0  # March 2026 row, not the November 2025 one
    with_older_only = person_list(area=area, as_of=date(2026, 10, 30), number=1)
    assert "Suspensions" in {row.unique_id: row for row in with_older_only.rows}["P1"].missing
