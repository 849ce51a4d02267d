"""The board report: Word headings and tables, LibreOffice opens it, the PDF has the summary on page 1."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
import time_machine
from django.core.management import call_command
from docx import Document
from pypdf import PdfReader

from sendtrack.improvement.board_report_renderer import build_board_report, render_docx, render_pdf
from sendtrack.improvement.models import Measure, MeasurePoint
from sendtrack.improvement.services.action_updates import record_action_update

SUMMARY_AT_MEETING_START = "94 actions. Work has not started on 31 (33%)"


@pytest.fixture
def moved_action(plan, manager, earlier_meeting):
    action = plan.actions.get(ref="2.3")
    with time_machine.travel(dt.datetime(2019, 5, 10, 12, tzinfo=dt.UTC)):
        record_action_update(
            action=action,
            by=manager,
            status="at_risk",
            rag="red",
            reason="The provider withdrew",
            narrative="Seeking a new provider",
        )
    return action


@pytest.fixture
def measure(plan):
    measure = Measure.objects.create(
        plan=plan,
        name="EHC plans issued within 20 weeks",
        unit="%",
        baseline=34,
        baseline_on=dt.date(2018, 12, 31),
    )
    MeasurePoint.objects.create(measure=measure, kind="milestone", on=dt.date(2019, 3, 31), value=50)
    MeasurePoint.objects.create(measure=measure, kind="actual", on=dt.date(2019, 4, 30), value=46)
    return measure


def test_the_report_has_its_five_parts_in_order(plan, meeting, moved_action, measure):
    report = build_board_report(plan=plan, meeting=meeting)
    assert [s.heading for s in report.sections] == [
        "Summary",
        "Performance",
        "Changes since the meeting on 1 April 2019",
        "Exception report",
        "Deep dive: A system of equal partners",
    ]
    changes = report.sections[2].tables[0][2]
    assert changes == [
        [
            "2.3",
            moved_action.description,
            "Not started to At risk",
            "Green to Red",
            "The provider withdrew",
            "10 May 2019",
        ]
    ]
    typed = report.sections[1].tables[0][2][0]
    assert typed == [
        "EHC plans issued within 20 weeks",
        "34% (31 December 2018)",
        "Not set",
        "50% by 31 March 2019",
        "46%",
        "Not known",
        "Not known",
    ]


def test_the_word_report_uses_real_headings_and_tables(plan, meeting, moved_action, measure):
    document = Document(io.BytesIO(render_docx(build_board_report(plan=plan, meeting=meeting))))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert ("Heading 1", "Summary") in headings
    assert ("Heading 1", "Exception report") in headings
    assert len(document.tables) >= 4
    assert document.tables[0].rows[1].cells[0].text == "Not started"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed on PATH")
def test_libreoffice_opens_the_word_report(plan, meeting, tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(render_docx(build_board_report(plan=plan, meeting=meeting)))
    result = subprocess.run(  # noqa: S603
        [
            shutil.which("soffice"),
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    converted = PdfReader(tmp_path / "report.pdf")
    assert SUMMARY_AT_MEETING_START in " ".join(converted.pages[0].extract_text().split())


def test_the_pdf_has_the_summary_on_page_one(plan, meeting):
    pdf = PdfReader(io.BytesIO(render_pdf(build_board_report(plan=plan, meeting=meeting))))
    first_page = " ".join(pdf.pages[0].extract_text().split())
    assert SUMMARY_AT_MEETING_START in first_page
    assert "Summary" in first_page


def test_the_command_writes_word_or_pdf(plan, meeting, tmp_path, capsys):
    output = tmp_path / "report.docx"
    call_command("board_report", plan=plan.name, meeting="2019-06-03", format="docx", output=str(output))
    assert Document(str(output)).paragraphs[0].text == f"{plan.name}: progress report"
    with pytest.raises(SystemExit) as exit_info:
        call_command("board_report", plan=plan.name, meeting="2019-06-04", format="pdf")
    assert exit_info.value.code == 2


def test_the_meeting_page_offers_the_report_and_serves_it(
    client, plan, meeting, read_only_officer, caseworker_elsewhere
):
    client.force_login(read_only_officer)
    page = client.get(f"/improvement/{plan.pk}/meetings/{meeting.pk}/")
    assert "Prepare the board report (Word)" in page.content.decode()
    response = client.get(f"/improvement/{plan.pk}/meetings/{meeting.pk}/board-report/?format=pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    client.force_login(caseworker_elsewhere)
    assert client.get(f"/improvement/{plan.pk}/meetings/{meeting.pk}/board-report/").status_code == 404


def test_the_performance_section_shows_the_dfes_published_figure_beside_ours(plan, meeting):
    from sendtrack.performance.models import PublishedTimeliness

    for year, figures in (
        (2018, {"pc_plans_issued_20_weeks_ex": "c", "plans_issued_den_ex": "c"}),
        (
            2019,
            {
                "pc_plans_issued_20_weeks_ex": 58.2,
                "plans_issued_20_weeks_ex": 100.0,
                "plans_issued_den_ex": 172.0,
            },
        ),
    ):
        PublishedTimeliness.objects.create(
            local_area=plan.local_area,
            geography="area",
            year=year,
            breakdown_topic="All EHC plans",
            breakdown="Total",
            figures=figures,
        )
    performance = build_board_report(plan=plan, meeting=meeting).sections[1]
    caption, head, rows = next(
        t
        for t in performance.tables
        if t[0] == "Final EHC plans issued within 20 weeks, excluding exceptions"
    )
    assert head == ["Year", "This area", "England", "Published by the DfE for this area"]
    assert [row[0] for row in rows] == ["2016", "2017", "2018", "2019 to date"]
    assert [row[3] for row in rows] == ["Not imported", "Not imported", "Suppressed (c)", "58.2%"]
