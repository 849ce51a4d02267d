"""A measure bound to a KPI is counted from the case records at each board meeting, never typed."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from docx import Document
from pypdf import PdfReader

from sendtrack.accounts.models import LocalArea
from sendtrack.casework.case_file_selectors import case_file_dict
from sendtrack.casework.models import Case
from sendtrack.improvement.board_performance_selectors import BETTER, SAME, UNKNOWN, WORSE, direction
from sendtrack.improvement.board_report_renderer import build_board_report, render_docx, render_pdf
from sendtrack.improvement.models import ImprovementPlan, Measure, MeasurePoint, Meeting
from sendtrack.improvement.services.measure_kpis import UnknownKpi, bind_measure_to_kpi
from sendtrack.improvement.services.measures import ActualsAreCounted, record_measure, record_measure_actual
from sendtrack.performance.services.refresh import refresh_all, refresh_summaries
from tests.performance import independent_count

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2026, 11, 23)
TWENTY_WEEKS = "final_plan_20wk_excl_exceptions"


@pytest.fixture
def demo_plan() -> ImprovementPlan:
    call_command(
        "demo_data", "--children", "400", "--seed", "3", "--as-of", AS_OF.isoformat(), stdout=StringIO()
    )
    return ImprovementPlan.objects.get()


def _percent(numerator: int, denominator: int) -> Decimal:
    return Decimal(str(round(numerator / denominator * 100, 1)))


def test_the_demo_measures_equal_the_kpi_counted_from_the_cases_at_every_board_meeting(demo_plan):
    """Five measures bound to KPIs, each with a baseline, two milestones, a target, and counted actuals."""
    measure = demo_plan.measures.get(kpi_id=TWENTY_WEEKS)
    cases = [case_file_dict(case) for case in Case.objects.filter(local_area=demo_plan.local_area)]
    meetings = list(Meeting.objects.filter(board__local_area=demo_plan.local_area).order_by("held_on"))
    assert len(meetings) == 6
    checked = 0
    for meeting in meetings:
        numerator, denominator = independent_count.count(cases, meeting.held_on, meeting.held_on.year).get(
            TWENTY_WEEKS, (0, 0)
        )
        point = measure.points.filter(from_kpi=True, on=meeting.held_on).first()
        if denominator == 0:
            assert point is None
            continue
        assert (point.numerator, point.denominator) == (numerator, denominator), meeting.held_on
        assert point.value == _percent(numerator, denominator)
        held = meeting.held_on
        assert point.period == f"1 January {held.year} to {held.day} {held:%B %Y}"
        checked += 1
    assert checked >= 4

    measures = list(demo_plan.measures.order_by("pk"))
    assert [m.kpi_id for m in measures] == [
        TWENTY_WEEKS,
        "amended_plan_8wk",
        "annual_review_12m",
        "advice_6wk:health",
        "quorate_panel_decisions",
    ]
    for measure in measures:
        assert measure.unit == "%"
        assert measure.target is not None and measure.target_on > AS_OF
        assert measure.points.filter(kind="milestone").count() == 2
        assert not measure.points.filter(kind="actual", from_kpi=False).exists()
        assert measure.points.filter(from_kpi=True).count() >= 5


def test_the_board_pack_has_a_performance_section_in_word_and_pdf(demo_plan):
    meeting = Meeting.objects.filter(board__local_area=demo_plan.local_area).order_by("-held_on").first()
    report = build_board_report(plan=demo_plan, meeting=meeting)
    performance = report.sections[1]
    assert performance.heading == "Performance"
    caption, head, rows = performance.tables[0]
    assert head == [
        "Measure",
        "Baseline",
        "Target",
        "Milestone",
        "At this meeting",
        "At the last meeting",
        "Direction",
    ]
    assert len(rows) == 5
    twenty = demo_plan.measures.get(kpi_id=TWENTY_WEEKS)
    now = twenty.points.get(from_kpi=True, on=meeting.held_on)
    assert rows[0][4] == f"{now.value.normalize():f}%"
    headline_captions = [c for c, _, _ in performance.tables[1:]]
    assert "Final EHC plans issued within 20 weeks, excluding exceptions" in headline_captions
    assert performance.charts, "the headline KPIs have trend charts"

    word = Document(io.BytesIO(render_docx(report)))
    word_text = " ".join(cell.text for table in word.tables for row in table.rows for cell in row.cells)
    assert f"{now.value.normalize():f}%" in word_text
    assert len(word.inline_shapes) == len(performance.charts)

    pdf = PdfReader(io.BytesIO(render_pdf(report)))
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Performance" in pdf_text
    assert re.search(rf"{re.escape(f'{now.value.normalize():f}')}\s?%", pdf_text)


def test_a_bound_measure_refuses_typed_actuals_and_binding_replaces_them(plan, manager):
    measure = record_measure(
        plan=plan, by=manager, name="Plans on time", baseline=Decimal(30), baseline_on=dt.date(2018, 12, 31)
    )
    record_measure_actual(measure=measure, by=manager, on=dt.date(2019, 3, 1), value=Decimal(41))
    bind_measure_to_kpi(measure=measure, kpi_id=TWENTY_WEEKS, by=manager, as_of=dt.date(2019, 6, 1))
    assert not MeasurePoint.objects.filter(measure=measure, from_kpi=False, kind="actual").exists()
    with pytest.raises(ActualsAreCounted):
        record_measure_actual(measure=measure, by=manager, on=dt.date(2019, 4, 1), value=Decimal(50))
    with pytest.raises(UnknownKpi):
        bind_measure_to_kpi(measure=measure, kpi_id="no_such_kpi", by=manager)
    assert Measure.objects.get(pk=measure.pk).kpi_id == TWENTY_WEEKS


def test_refreshing_the_kpis_recounts_bound_measures(plan, manager):
    measure = record_measure(
        plan=plan,
        by=manager,
        name="Plans on time",
        baseline=Decimal(30),
        baseline_on=dt.date(2018, 12, 31),
        kpi_id=TWENTY_WEEKS,
    )
    MeasurePoint.objects.filter(measure=measure).delete()
    refresh_summaries(area=plan.local_area, as_of=dt.date(2019, 6, 1))
    assert not measure.points.exists()  # no plans issued in that area: nothing to count, nothing made up
    assert measure.is_bound


def test_a_refresh_of_every_area_recounts_the_bound_measures_of_each(demo_plan):
    bound = [measure for measure in demo_plan.measures.all() if measure.is_bound]
    assert bound

    def counted() -> list[tuple]:
        return sorted(
            MeasurePoint.objects.filter(measure__in=bound, from_kpi=True).values_list(
                "measure", "on", "value"
            )
        )

    expected = counted()
    assert expected
    MeasurePoint.objects.filter(measure__in=bound, from_kpi=True).delete()
    refresh_all(
        areas=[LocalArea.objects.create(code="X99", name="No plan"), demo_plan.local_area], as_of=AS_OF
    )
    assert counted() == expected


@pytest.mark.parametrize(
    ("now", "before", "higher_is_better", "expected"),
    [
        (Decimal(50), Decimal(40), True, BETTER),
        (Decimal(50), Decimal(40), False, WORSE),
        (Decimal(30), Decimal(40), False, BETTER),
        (Decimal(40), Decimal(40), True, SAME),
        (None, Decimal(40), True, UNKNOWN),
    ],
)
def test_direction_follows_the_measures_polarity(now, before, higher_is_better, expected):
    assert direction(now, before, higher_is_better) == expected


def test_the_public_page_shows_counted_measures_and_hides_small_numbers(demo_plan, client):
    area = demo_plan.local_area
    response = client.get(f"/improvement/public/{area.code}/{demo_plan.pk}/")
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    assert "How we measure progress" in text
    twenty = demo_plan.measures.get(kpi_id=TWENTY_WEEKS)
    latest = twenty.points.filter(from_kpi=True).order_by("-on").first()
    assert f"{latest.value.normalize():f}% ({latest.period})" in text

    MeasurePoint.objects.filter(pk=latest.pk).update(numerator=4, denominator=9)
    response = client.get(f"/improvement/public/{area.code}/{demo_plan.pk}/")
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    assert f"{latest.value.normalize():f}% ({latest.period})" not in text
    assert "Not shown (too few to publish)" in text


def test_a_manager_binds_a_measure_to_a_kpi_on_the_page_and_cannot_type_its_actuals(client, plan, manager):
    client.force_login(manager)
    form = {
        "name": "New EHC plans issued within 20 weeks",
        "unit": "%",
        "baseline": "41.5",
        "baseline_on_day": "31",
        "baseline_on_month": "3",
        "baseline_on_year": "2019",
        "higher_is_better": "yes",
        "finding": "",
        "kpi_id": TWENTY_WEEKS,
        "target": "60",
        "target_on_day": "31",
        "target_on_month": "3",
        "target_on_year": "2021",
    }
    assert client.post(f"/improvement/{plan.pk}/record-measure/", form).status_code == 302
    measure = Measure.objects.get()
    assert (measure.kpi_id, measure.target, measure.target_on) == (
        TWENTY_WEEKS,
        Decimal("60.00"),
        dt.date(2021, 3, 31),
    )
    readiness = client.get(f"/improvement/{plan.pk}/readiness/").content.decode()
    assert "Counted from the KPI" in readiness
    assert f"/measures/{measure.pk}/record-actual/" not in readiness
    client.post(
        f"/improvement/{plan.pk}/measures/{measure.pk}/record-actual/",
        {"on_day": "1", "on_month": "5", "on_year": "2019", "value": "50"},
    )
    assert not measure.points.filter(from_kpi=False, kind="actual").exists()

    form.update(kpi_id="no_such_kpi", name="Another")
    response = client.post(f"/improvement/{plan.pk}/record-measure/", form)
    assert response.status_code == 400
    assert "Select a KPI from the list" in response.content.decode()
