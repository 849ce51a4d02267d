"""A council's own tracker comes in through a mapping it confirms: all or nothing, every bad row named."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sendtrack.casework.models import Case, CaseEvent
from sendtrack.intake.services import import_tracker
from sendtrack.interchange.import_report import ImportReport
from sendtrack.interchange.tracker_mapping import guess_mapping
from sendtrack.interchange.tracker_sheets import parse_date, read_tracker
from tests.intake.tracker_workbook import ROWS, workbook

pytestmark = pytest.mark.django_db

EXPECTED_MAPPING = {
    "case_ref": "Case No",
    "child_name": "Child name",
    "date_of_birth": "DOB",
    "upn": "UPN",
    "request_date": "Date request received",
    "decision_date": "Decision date",
    "decision": "Decision Agreed to assess?",
    "advice_requested:health": "Advice Health requested",
    "advice_received:health": "Advice Health received",
    "advice_requested:educational_psychology": "Advice EP requested",
    "advice_received:educational_psychology": "Advice EP received",
    "draft_date": "Plan Draft issued",
    "final_date": "Plan Final issued",
    "setting": "School URN",
}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("05/01/2026", dt.date(2026, 1, 5)),
        ("5 Jan 26", dt.date(2026, 1, 5)),
        (46027, dt.date(2026, 1, 5)),
        ("2026-01-05", dt.date(2026, 1, 5)),
        ("5th January 2026", dt.date(2026, 1, 5)),
        ("", None),
        ("N/A", None),
        ("TBC", None),
        (dt.datetime(2026, 1, 5, 0, 0), dt.date(2026, 1, 5)),
    ],
)
def test_dates_as_councils_write_them(written, expected):
    assert parse_date(written) == expected


def test_the_sheet_is_read_past_its_title_hidden_column_blank_lines_and_totals():
    sheet = read_tracker(workbook(), "tracker.xlsx")
    assert sheet.name == "Tracker 2025"
    assert "Internal notes" not in sheet.columns
    assert [number for number, _ in sheet.rows] == [4, 5, 7, 8]
    assert guess_mapping(sheet) == EXPECTED_MAPPING


def test_the_tracker_imports_after_mapping_and_again_changes_nothing(area, caseworker):
    sheet = read_tracker(workbook(), "tracker.xlsx")
    dry = import_tracker(sheet, mapping=EXPECTED_MAPPING, area=area, dry_run=True)
    assert dry.ok, dry.errors
    assert dry.summary() == (
        "Would import 4 requests and 1 final plans for 3 children; 0 matched to children already in sendtrack"
    )
    assert not Case.objects.exists()
    done = import_tracker(sheet, mapping=EXPECTED_MAPPING, area=area, by=caseworker, dry_run=False)
    assert done.ok and Case.objects.count() == 3
    lily = Case.objects.get(case_ref="NB-T001")
    types = list(lily.events.order_by("date", "position").values_list("type", "date"))
    assert types == [
        ("request_received", dt.date(2025, 1, 5)),
        ("advice_requested", dt.date(2025, 2, 5)),
        ("advice_requested", dt.date(2025, 2, 5)),
        ("assessment_decision", dt.date(2025, 2, 10)),
        ("advice_received", dt.date(2025, 3, 1)),
        ("advice_received", dt.date(2025, 3, 20)),
        ("draft_plan_issued", dt.date(2025, 4, 14)),
        ("final_plan_issued", dt.date(2025, 4, 28)),
        ("request_received", dt.date(2025, 9, 1)),
    ]
    assert lily.milestones.get(rule="final_plan", start=dt.date(2025, 1, 5)).completed == dt.date(2025, 4, 28)
    assert CaseEvent.objects.count() == 9 + 2 + 4  # Lily's two requests, Noah refused, Aisha awaiting advice
    again = import_tracker(sheet, mapping=EXPECTED_MAPPING, area=area, dry_run=False)
    assert again.matched == 3 and again.imported.unchanged == 3
    assert CaseEvent.objects.count() == 15


def test_a_broken_tracker_lists_every_bad_row_and_writes_nothing(area):
    rows = [list(r) if r else None for r in ROWS]
    rows[0][13] = "31/12/2024"  # final plan before the request
    rows[1][6] = "sometime in April"
    rows[3][7] = "maybe"
    sheet = read_tracker(workbook(rows), "tracker.xlsx")
    report = import_tracker(sheet, mapping=EXPECTED_MAPPING, area=area, dry_run=False)
    assert report.errors == [
        "row 4, column 'Plan Final issued': the final plan (31/12/2024) is before the request (05/01/2025) "
        "(value: 31/12/2024)",
        "row 4, column 'Plan Final issued': the final plan is before the draft plan (value: 31/12/2024)",
        "row 5, column 'Decision date': 'sometime in April' is not a date sendtrack can read "
        "(use a date like 05/01/2026) (value: sometime in April)",
        "row 7, column 'Decision Agreed to assess?': say whether the decision was to assess (Y) "
        "or to refuse (N) (value: maybe)",
    ]
    assert isinstance(report, ImportReport)
    assert report.summary() == "Nothing imported: 4 problems in 4 rows"
    assert not Case.objects.exists()


def test_the_command_writes_a_guess_first_then_imports(area, tmp_path, capsys):
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(workbook())
    mapping = tmp_path / "mapping.json"
    with pytest.raises(CommandError, match="Check the mapping"):
        call_command("import_tracker", str(path), "--mapping", str(mapping))
    assert json.loads(mapping.read_text()) == EXPECTED_MAPPING
    call_command("import_tracker", str(path), "--mapping", str(mapping), "--dry-run")
    assert "Would import 4 requests" in capsys.readouterr().out
    assert not Case.objects.exists()
    call_command("import_tracker", str(path), "--mapping", str(mapping))
    assert Case.objects.count() == 3


def test_on_the_page_the_guess_is_confirmed_the_dry_run_shown_and_the_import_done(client, area, caseworker):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sendtrack.intake.models import TrackerMapping

    client.force_login(caseworker)
    bad = client.post("/intake/import-tracker/", {"tracker": SimpleUploadedFile("t.pdf", b"%PDF")})
    assert bad.status_code == 400
    upload = SimpleUploadedFile("tracker.xlsx", workbook())
    assert client.post("/intake/import-tracker/", {"tracker": upload}).status_code == 302
    page = client.get("/intake/import-tracker/columns/").content.decode()
    assert 'value="Plan Final issued" selected' in page
    dry = client.post("/intake/import-tracker/columns/", EXPECTED_MAPPING).content.decode()
    assert "Would import 4 requests and 1 final plans for 3 children" in dry
    assert not Case.objects.exists()
    assert TrackerMapping.objects.get().mapping == EXPECTED_MAPPING
    assert client.post("/intake/import-tracker/confirm/").status_code == 302
    assert Case.objects.filter(local_area=area).count() == 3
    client.post("/intake/import-tracker/", {"tracker": SimpleUploadedFile("tracker.xlsx", workbook())})
    assert (
        "These are the columns you chose last time"
        in client.get("/intake/import-tracker/columns/").content.decode()
    )


def test_only_the_councils_send_team_brings_in_a_tracker(client, health_advisor):
    client.force_login(health_advisor)
    assert client.get("/intake/import-tracker/").status_code == 404
