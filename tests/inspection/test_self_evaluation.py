"""The self-evaluation: statements embed live figures that refresh until frozen; the frozen Word file
gives each number its source and date; the weakest measures come first."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from sendtrack.casework.services import import_cases
from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.demo.generator import generate_cases
from sendtrack.improvement.models import Action, ImprovementPlan, Status
from sendtrack.inspection.models import SelfEvaluationVersion
from sendtrack.inspection.self_evaluation import Figure, parse, weakest_first, weakness
from sendtrack.inspection.self_evaluation_figures import assemble
from sendtrack.inspection.self_evaluation_services import StatementRefused, freeze, save_statement
from sendtrack.performance.models import KpiSummary
from sendtrack.performance.services.refresh import refresh_summaries

AS_OF = dt.date(2026, 5, 1)
STATEMENT = (
    "We issue [kpi:final_plan_20wk_excl_exceptions] of plans within 20 weeks.\n"
    "Reviews held on time: [count:annual_review_12m]. Our plan to fix it: [action:1.1]."
)


@pytest.fixture
def counted_area(area):
    cases = list(generate_cases("999", 150, 2, AS_OF))
    assert import_cases((json.dumps(c) for c in cases), area=area, as_of=AS_OF).ok
    refresh_summaries(area=area, as_of=AS_OF)
    plan = ImprovementPlan.objects.create(local_area=area, name="Northbridge SEND improvement plan")
    Action.objects.create(
        plan=plan, ref="1.1", description="Clear the review backlog", status=Status.IN_PROGRESS
    )
    return area


def test_tokens_are_read_in_their_paragraphs():
    paragraphs = parse(STATEMENT)
    assert len(paragraphs) == 2
    assert [str(p) for p in paragraphs[1] if not isinstance(p, str)] == [
        "[count:annual_review_12m]",
        "[action:1.1]",
    ]


def test_the_weakest_measure_comes_first():
    assert weakness(0.4, 0.5, "higher") == pytest.approx(-0.2)
    assert weakness(30, 20, "lower") == pytest.approx(-0.5)
    figures = [
        Figure("a", "a", "", "", weakness=0.1),
        Figure("b", "b", "", "", weakness=None),
        Figure("c", "c", "", "", weakness=-0.5),
    ]
    assert [f.token for f in weakest_first(figures)] == ["c", "a", "b"]


def test_a_statement_shows_live_figures_with_links(client, counted_area, manager):
    save_statement(area=counted_area, area_key="identification", text=STATEMENT, by=manager)
    client.force_login(manager)
    page = client.get(reverse("inspection:self-evaluation", args=["999"])).content.decode()
    row = (
        KpiSummary.objects.filter(local_area=counted_area, kpi_id="annual_review_12m", dimension="")
        .order_by("period")
        .last()
    )
    assert f"{row.numerator:,}" in page
    assert reverse("performance:kpi-cases", args=["999", "annual_review_12m"]) in page
    assert "action 1.1 is in progress" in page
    assert AuditEvent.objects.filter(verb=AuditVerb.SELF_EVALUATION_CHANGED).count() == 1
    measures = assemble(counted_area)["measures"]
    scores = [m["weaker"] for m in measures]
    assert scores == sorted(scores, reverse=True)  # every worse measure before the others


def test_a_token_that_names_no_figure_is_refused_with_its_name(client, counted_area, manager):
    with pytest.raises(StatementRefused, match="There is no KPI called made_up"):
        save_statement(area=counted_area, area_key="right_help", text="We do [kpi:made_up] well", by=manager)
    client.force_login(manager)
    url = reverse("inspection:self-evaluation-statement", args=["999", "right_help"])
    response = client.post(url, {"text": "Done [action:9.9]"})
    assert response.status_code == 400 and "There is no improvement action 9.9" in response.content.decode()


def test_figures_refresh_until_frozen_and_the_word_file_notes_each_source(client, counted_area, manager):
    save_statement(area=counted_area, area_key="identification", text=STATEMENT, by=manager)
    with time_machine.travel(dt.datetime(2026, 5, 4, 12, tzinfo=dt.UTC)):
        version = freeze(area=counted_area, by=manager)
    Action.objects.filter(ref="1.1").update(status=Status.COMPLETE)
    assert "action 1.1 is complete" in json.dumps(assemble(counted_area))  # the live page moved on
    assert "action 1.1 is in progress" in json.dumps(
        SelfEvaluationVersion.objects.get().content
    )  # frozen did not
    client.force_login(manager)
    response = client.get(reverse("inspection:self-evaluation-version-word", args=["999", version.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Frozen on 4 May 2026" in text and "action 1.1 is in progress" in text
    notes = text.split("Notes: where each figure comes from", 1)[1]
    figures = [
        part
        for section in version.content["sections"]
        for para in section["paragraphs"]
        for part in para
        if "figure" in part
    ]
    assert len(figures) == 3
    for figure in figures:
        assert figure["figure"] in notes and figure["source"] in notes
    assert "as of 1 May 2026" in notes  # the KPIs were counted as of 1 May
    assert AuditEvent.objects.filter(verb=AuditVerb.SELF_EVALUATION_FROZEN).count() == 1


def test_only_plan_managers_write_and_board_members_read(
    client, counted_area, read_only_officer, caseworker_elsewhere
):
    client.force_login(read_only_officer)
    assert client.get(reverse("inspection:self-evaluation", args=["999"])).status_code == 200
    url = reverse("inspection:self-evaluation-statement", args=["999", "identification"])
    assert client.post(url, {"text": "x"}).status_code == 403
    client.force_login(caseworker_elsewhere)
    assert client.get(reverse("inspection:self-evaluation", args=["999"])).status_code == 404
