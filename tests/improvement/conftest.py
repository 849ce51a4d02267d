"""Plans for the improvement tests: the Lancashire-like 94-action plan, imported into Northbridge."""

from __future__ import annotations

import datetime as dt

import pytest

from sendtrack.improvement.models import Board, ImprovementPlan, Meeting
from sendtrack.improvement.services.imports import import_plan_rows
from tests.improvement import lancashire


@pytest.fixture
def plan_xlsx(tmp_path):
    path = tmp_path / "lancashire-improvement-plan.xlsx"
    lancashire.write_xlsx(path, lancashire.plan_rows())
    return path


@pytest.fixture
def plan(area, manager) -> ImprovementPlan:
    report = import_plan_rows(
        area=area, plan_name=lancashire.PLAN_NAME, rows=lancashire.plan_rows(), by=manager
    )
    assert report.ok, report.errors
    return ImprovementPlan.objects.get(local_area=area, name=lancashire.PLAN_NAME)


@pytest.fixture
def board(area) -> Board:
    return Board.objects.create(local_area=area, name="SEND Partnership Board")


@pytest.fixture
def meeting(board, plan) -> Meeting:
    return Meeting.objects.create(
        board=board,
        held_on=dt.date(2019, 6, 3),
        deep_dive_workstream=plan.workstreams.get(name=lancashire.AMBITIONS[3]),
    )


@pytest.fixture
def earlier_meeting(board) -> Meeting:
    return Meeting.objects.create(board=board, held_on=dt.date(2019, 4, 1))

