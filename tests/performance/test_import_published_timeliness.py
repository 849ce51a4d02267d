"""`sendtrack import-published-timeliness`: the DfE's published 20-week figures beside sendtrack's."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from sendtrack.core.models import AuditEvent
from sendtrack.performance.models import KpiSummary, PublishedTimeliness
from sendtrack.performance.published_comparison import PublishedFigure, sentence

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "timeliness_20_week.csv"


def _import(path: Path, area: str = "999") -> str:
    out = io.StringIO()
    call_command("import_published_timeliness", str(path), "--area", area, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_areas_rows_and_englands_are_kept_with_suppressed_cells_as_published(area):
    assert "Imported 12 rows of published timeliness (2023 to 2025)" in _import(FIXTURE)
    rows = PublishedTimeliness.objects.filter(local_area=area)
    assert rows.filter(geography="area").count() == 6
    assert rows.filter(geography="england").count() == 6
    latest = rows.get(geography="area", year=2025, breakdown="All EHC plans")
    assert latest.figures["plans_issued_den"] == 52
    assert latest.figures["pc_plans_issued_within_20_weeks"] == "c"
    assert latest.figures["plans_issued_den_ex"] == "x"
    assert latest.figures["plans_issued_gt_1_year"] == "low"
    assert not rows.filter(
        breakdown_topic="All EHC plans", figures__plans_issued_den=210
    ).exists()  # Darlington
    assert AuditEvent.objects.filter(verb="published_timeliness_imported", local_area=area).count() == 1


def test_a_bad_cell_is_named_by_row_and_column_and_nothing_changes(area, tmp_path):
    _import(FIXTURE)
    before = list(PublishedTimeliness.objects.values_list("pk", flat=True))
    lines = FIXTURE.read_text().splitlines()
    lines[10] = lines[10].replace(",45,20,44.4,", ",45,twenty,44.4,")
    bad = tmp_path / "timeliness_20_week.csv"
    bad.write_text("\n".join(lines) + "\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 1 problems in 18 rows"):
        call_command(
            "import_published_timeliness", str(bad), "--area", "999", stdout=io.StringIO(), stderr=err
        )
    assert (
        "Row 11, column plans_issued_within_20_weeks: 'twenty' is not a number of 0 or more "
        "or a suppression code (c, x, z, low)" in err.getvalue()
    )
    assert list(PublishedTimeliness.objects.values_list("pk", flat=True)) == before


def test_a_file_without_the_published_columns_is_refused(area, tmp_path):
    bad = tmp_path / "other.csv"
    bad.write_text("time_period,old_la_code,plans_issued_den\n2024,999,45\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_published_timeliness", str(bad), "--area", "999", stdout=io.StringIO(), stderr=err
        )
    assert "column time_identifier" in err.getvalue() and "are missing" in err.getvalue()
    assert not PublishedTimeliness.objects.exists()


def test_a_file_without_the_areas_code_is_refused(area, tmp_path):
    lines = [line for line in FIXTURE.read_text().splitlines() if ",999," not in line]
    other = tmp_path / "timeliness_20_week.csv"
    other.write_text("\n".join(lines) + "\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_published_timeliness", str(other), "--area", "999", stdout=io.StringIO(), stderr=err
        )
    assert "no local authority rows with old_la_code 999" in err.getvalue()


def test_the_kpi_page_shows_each_year_beside_the_published_figures(client, manager, demo_area):
    _import(FIXTURE)
    client.force_login(manager)
    page = client.get(
        reverse("performance:kpi", args=["999", "final_plan_20wk_incl_exceptions"])
    ).content.decode()
    ours = KpiSummary.objects.get(
        local_area=demo_area, kpi_id="final_plan_20wk_incl_exceptions", period="2024", dimension=""
    )
    gap = ours.denominator - 45
    assert gap != 0
    expected = (
        f"2024: {abs(gap)} plan{'s' if abs(gap) != 1 else ''} {'more' if gap > 0 else 'fewer'} in sendtrack"
    )
    assert expected + " than the DfE published" in page
    assert "Beside the DfE's published figures" in page
    assert "46.4%" in page  # England, 2024
    assert "Suppressed (c)" in page  # the area's 2025 share


def test_the_sentence_says_how_many_plans_differ():
    published = PublishedFigure(0.444, 20, 45)
    assert sentence(2024, 30, 91, published) == "2024: 46 plans more in sendtrack than the DfE published"
    assert sentence(2024, 20, 44, published) == "2024: 1 plan fewer in sendtrack than the DfE published"
    assert sentence(2024, 20, 45, published) == ""
    assert "2 plans more counted" in sentence(2024, 22, 45, published)
    assert "did not publish" in sentence(2025, 20, 45, PublishedFigure(None, None, None, "x"))
