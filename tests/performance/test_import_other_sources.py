"""Waiting lists, exclusions and attendance, and high needs figures imported from CSV or Excel."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from openpyxl import Workbook

from sendtrack.performance.models import (
    ExclusionsAndAttendance,
    HighNeedsBudget,
    KpiSummary,
    WaitingListEntry,
)
from sendtrack.performance.services.imports import import_exclusions, import_high_needs, import_waiting_list

pytestmark = pytest.mark.django_db

WAITING = """service,child_ref,referral_date,first_appointment,cancelled_appointments
speech and language therapy,C1,2026-01-05,2026-03-02,0
speech and language therapy,C2,2026-01-05,2026-08-03,2
speech_and_language_therapy,C3,2026-05-04,,1
autism assessment,C4,2026-01-05,2026-05-04,0
autism assessment,C5,2026-01-05,2026-03-30,3
"""


def _csv(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode())


@time_machine.travel(date(2026, 11, 2))
def test_waiting_list_gives_median_wait_share_seen_in_time_and_cancellations(area):
    report = import_waiting_list(area=area, file=_csv(WAITING), filename="waits.csv")
    assert report.ok, report.errors
    assert WaitingListEntry.objects.filter(local_area=area).count() == 5

    def summary(kpi_id):
        return KpiSummary.objects.get(local_area=area, kpi_id=kpi_id, period="as_of", dimension="")

    # C1 waited 8 weeks, C2 30 weeks; C3 is still waiting after 26 weeks (over 18).
    seen = summary("waiting_seen_within_target:speech_and_language_therapy")
    assert (seen.numerator, seen.denominator) == (1, 3)
    assert summary("waiting_median_weeks:speech_and_language_therapy").value == 19.0
    assert summary("waiting_two_cancellations:speech_and_language_therapy").numerator == 1
    # Autism: 13 weeks, after NICE. C4 waited 17 weeks, C5 12 weeks.
    autism = summary("waiting_seen_within_target:autism_assessment")
    assert (autism.numerator, autism.denominator) == (1, 2)


def test_a_file_with_any_bad_row_stores_nothing_and_names_each_problem(area):
    bad = WAITING + "dentistry,C6,2026-01-05,,0\nspeech and language therapy,C7,5 May,2026-01-01,x\n"
    report = import_waiting_list(area=area, file=_csv(bad), filename="waits.csv")
    assert not report.ok
    assert any(e.startswith("Row 7, column A (service)") for e in report.errors)
    assert any(e.startswith("Row 8, column C (referral_date)") for e in report.errors)
    assert any(e.startswith("Row 8, column E (cancelled_appointments)") for e in report.errors)
    assert WaitingListEntry.objects.count() == 0


def test_exclusions_and_attendance_from_excel(area):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "academic_year",
            "term",
            "sen_status",
            "pupils",
            "suspensions",
            "permanent_exclusions",
            "sessions_possible",
            "sessions_attended",
        ]
    )
    sheet.append(["2024/25", "autumn", "ehc_plan", 400, 30, 1, 50000, 45000])
    sheet.append(["2024/25", "spring", "ehc_plan", 400, 20, 0, 50000, 44000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    report = import_exclusions(area=area, file=buffer, filename="terms.xlsx")
    assert report.ok, report.errors
    assert ExclusionsAndAttendance.objects.count() == 2
    rate = KpiSummary.objects.get(
        local_area=area, kpi_id="suspension_rate:ehc_plan", period="2024/25", dimension=""
    )
    assert (rate.numerator, rate.denominator) == (50, 800)
    attendance = KpiSummary.objects.get(local_area=area, kpi_id="attendance_rate:ehc_plan", period="2024/25")
    assert attendance.value == 0.89


def test_high_needs_import_replaces_a_year_and_refuses_a_bad_year(area):
    good = "financial_year,funding,spend\n2023-24,50000000,56000000\n"
    assert import_high_needs(area=area, file=_csv(good), filename="hn.csv").ok
    again = "financial_year,funding,spend\n2023-24,50000000,55000000\n"
    assert import_high_needs(area=area, file=_csv(again), filename="hn.csv").ok
    assert HighNeedsBudget.objects.get(local_area=area).spend == 55_000_000
    bad = "financial_year,funding,spend\n2023/24,1,1\n"
    report = import_high_needs(area=area, file=_csv(bad), filename="hn.csv")
    assert report.errors == ["Row 2, column A (financial_year): write the year as 2024-25"]


@time_machine.travel(date(2026, 11, 2))
def test_the_import_commands_store_a_good_file_and_refuse_an_unknown_area(area, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "waits.csv"
    path.write_text(WAITING)
    out = io.StringIO()

    call_command("import_waiting_list", str(path), area="999", stdout=out)

    assert WaitingListEntry.objects.filter(local_area=area).count() == 5
    assert out.getvalue().strip()
    with pytest.raises(CommandError, match="No local area has the code or name .123."):
        call_command("import_exclusions", str(path), area="123")
    with pytest.raises(CommandError, match="There is no file"):
        call_command("import_high_needs", str(tmp_path / "missing.csv"), area="999")
