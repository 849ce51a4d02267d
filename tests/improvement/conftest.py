"""Plans for the improvement tests: the Lancashire-like 94-action plan, imported into Northbridge."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sendtrack.improvement.models import (
    Board,
    Finding,
    FindingKind,
    ImprovementPlan,
    Inspection,
    InspectionFramework,
    Measure,
    Meeting,
)
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


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded letters and papers go to a fresh folder for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def inspection(area):
    return Inspection.objects.create(
        local_area=area,
        framework=InspectionFramework.LOCAL_AREA_SEND_2016,
        started_on=dt.date(2017, 11, 6),
        ended_on=dt.date(2017, 11, 10),
        outcome="Written statement of action required",
    )


@pytest.fixture
def finding(area, inspection):
    return Finding.objects.create(
        local_area=area,
        inspection=inspection,
        kind=FindingKind.SIGNIFICANT_WEAKNESS,
        text="Weak joint commissioning",
        position=99,
    )


@pytest.fixture
def measure(plan):
    return Measure.objects.create(
        plan=plan,
        name="New EHC plans issued within 20 weeks",
        unit="%",
        baseline=Decimal("41.5"),
        baseline_on=dt.date(2019, 3, 31),
    )


def date_parts(name: str, day: object, month: object, year: object) -> dict[str, str]:
    """A GOV.UK date input as the browser posts it."""
    return {f"{name}_day": str(day), f"{name}_month": str(month), f"{name}_year": str(year)}
