"""Word plans are read by their section headings; `sendtrack check-plan` prints each finding."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from sendtrack.ehcplan.checks import check_plan
from sendtrack.ehcplan.word import UnreadablePlan, read_docx, write_docx
from tests.ehcplan.plans import AS_OF, good_plan, liverpool_plan, unquantified_therapy_plan


@pytest.mark.parametrize("make", [good_plan, liverpool_plan, unquantified_therapy_plan])
def test_a_plan_written_to_word_reads_back_the_same(make):
    plan = make()
    read, report = read_docx(write_docx(plan))
    assert read == plan.in_area_order()
    assert report.not_recognised == []
    assert check_plan(read, AS_OF) == check_plan(plan, AS_OF)


def test_a_councils_own_layout_is_read_and_what_is_not_understood_is_reported():
    document = Document()
    document.add_heading("EHC Plan for J. Smith", level=0)
    document.add_heading("A. All about me", level=1)
    document.add_paragraph("I like trains.")
    document.add_heading("Section H – Social care", level=1)
    document.add_paragraph("Short breaks as required.")
    document.add_heading("F: Provision", level=1)
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Support", "Hours"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Teaching assistant", "10"
    buffer = io.BytesIO()
    document.save(buffer)

    plan, report = read_docx(buffer.getvalue())
    assert plan.sections["A"] == "I like trains."
    assert plan.merged == ["Section H – Social care"]
    assert report.not_recognised == ["A table in Section F with columns Support, Hours"]
    assert {f.check for f in check_plan(plan, AS_OF)} >= {"missing_section", "sections_merged"}


def test_the_command_prints_findings_as_json(tmp_path, capsys):
    path = tmp_path / "plan.docx"
    path.write_bytes(write_docx(liverpool_plan()))
    call_command("check_plan", str(path), "--json", "--as-of", AS_OF.isoformat())
    out = json.loads(capsys.readouterr().out)
    assert [f["check"] for f in out["findings"]] == ["vague_wording", "health_responsible_for_education"]
    assert out["findings"][1]["section"] == "G"


def test_the_command_applies_the_year_group_given(tmp_path, capsys):
    path = tmp_path / "plan.docx"
    path.write_bytes(write_docx(good_plan()))
    call_command("check_plan", str(path), "--year-group", "10", "--as-of", AS_OF.isoformat())
    out = capsys.readouterr().out
    assert "no_preparation_for_adulthood\tSection E" in out
    assert "plan_out_of_date\tSection E\tKey Stage 2" in out


def test_a_file_that_is_not_a_plan_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("just text")
    with pytest.raises(CommandError) as error:
        call_command("check_plan", str(path))
    assert error.value.returncode == 2
    assert "\n" not in str(error.value)
    with pytest.raises(UnreadablePlan, match="No lettered section"):
        empty = io.BytesIO()
        Document().save(empty)
        read_docx(empty.getvalue())
