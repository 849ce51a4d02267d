"""Exporting a plan: canonical columns, a progress history sheet, and an export that imports back exactly."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from sendtrack.improvement.models import Action, ActionUpdate
from sendtrack.improvement.renderers import export_plan
from sendtrack.improvement.services.action_updates import record_action_update
from sendtrack.improvement.services.imports import import_plan_file
from sendtrack.interchange.plan_spreadsheets import HISTORY_SHEET_TITLE, PLAN_SHEET_TITLE

COMPARED = (
    "ref",
    "description",
    "lead",
    "organisation",
    "start_date",
    "due_date",
    "status",
    "rag",
    "latest_update",
    "measure",
    "evidence",
    "extra",
    "position",
)


def _fields(action):
    return (*(getattr(action, name) for name in COMPARED), action.finding.text, action.workstream.name)


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_export_then_import_reproduces_the_plan(area, plan, file_format):
    exported = export_plan(plan=plan, file_format=file_format)

    report = import_plan_file(
        area=area, plan_name="Copy", file=io.BytesIO(exported.content), filename=exported.filename
    )

    assert report.ok and report.created == 94
    original = [_fields(a) for a in plan.actions.select_related("finding", "workstream")]
    copy = [
        _fields(a) for a in Action.objects.filter(plan__name="Copy").select_related("finding", "workstream")
    ]
    assert copy == original


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_importing_an_export_into_its_own_plan_changes_nothing(area, plan, file_format):
    exported = export_plan(plan=plan, file_format=file_format)
    before = ActionUpdate.objects.count()
    report = import_plan_file(
        area=area, plan_name=plan.name, file=io.BytesIO(exported.content), filename=exported.filename
    )
    assert report.unchanged == 94 and ActionUpdate.objects.count() == before


def test_the_xlsx_export_has_canonical_columns_and_a_history_sheet(plan, manager):
    action = plan.actions.get(ref="4.21")
    record_action_update(
        action=action,
        by=manager,
        status=action.status,
        rag="red",
        reason="Supplier failed",
        narrative="Procurement restarted",
    )

    workbook = load_workbook(io.BytesIO(export_plan(plan=plan, file_format="xlsx").content))

    headers = [c.value for c in workbook[PLAN_SHEET_TITLE][1]]
    assert headers[:13] == [
        "Ref",
        "Finding",
        "Workstream",
        "Action",
        "Lead",
        "Lead organisation",
        "Start date",
        "Due date",
        "Status",
        "RAG",
        "Update",
        "Success measure",
        "Evidence",
    ]
    assert headers[13:] == ["Funding source"]
    due = next(row[7] for row in workbook[PLAN_SHEET_TITLE].iter_rows(min_row=2) if row[7].value)
    assert isinstance(due.value, dt.datetime) and due.number_format == "d mmmm yyyy"
    history = list(workbook[HISTORY_SHEET_TITLE].iter_rows(values_only=True))
    assert ("4.21", "red", "Procurement restarted", "Supplier failed") in {
        (r[0], r[7], r[8], r[9]) for r in history
    }


def test_the_command_writes_the_file(plan, tmp_path, capsys):
    output = tmp_path / "plan.csv"
    call_command("export_plan", plan=plan.name, format="csv", output=str(output))
    assert output.read_text().startswith("Ref,Finding,Workstream,Action")
    assert "Exported 94 actions" in capsys.readouterr().out


def test_an_unknown_plan_exits_with_status_2_and_one_line(plan, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("export_plan", plan="No such plan")
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.strip().count("\n") == 0
