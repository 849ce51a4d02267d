"""Importing a plan: the article's counts, idempotent re-import, every error, nothing half-written."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command

from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.improvement.models import Action, ActionUpdate, Finding, FindingKind, ImprovementPlan
from sendtrack.improvement.selectors import plan_summary
from sendtrack.improvement.services.imports import (
    DUPLICATE_REF,
    IMPORT_REASON,
    import_plan_file,
    import_plan_rows,
)
from tests.improvement import lancashire


def _import(area, path, **kwargs):
    with open(path, "rb") as file:
        return import_plan_file(
            area=area, plan_name=lancashire.PLAN_NAME, file=file, filename=path.name, **kwargs
        )


def test_importing_the_94_action_plan_gives_the_articles_summary(area, plan_xlsx):
    report = _import(area, plan_xlsx)

    assert report.ok and report.created == 94
    plan = ImprovementPlan.objects.get(name=lancashire.PLAN_NAME)
    assert plan_summary(plan, lancashire.AS_OF).sentence == lancashire.SENTENCE
    assert plan.workstreams.count() == 4
    assert Finding.objects.filter(local_area=area, kind=FindingKind.SIGNIFICANT_WEAKNESS).count() == 12


def test_the_at_risk_action_is_the_electronic_ehc_plan_system(area, plan_xlsx):
    _import(area, plan_xlsx)
    at_risk = Action.objects.get(status="at_risk")
    assert at_risk.description == "Implement an electronic system for education, health and care plans"
    assert at_risk.rag == "red"


def test_reimporting_the_same_file_changes_nothing(area, plan_xlsx):
    _import(area, plan_xlsx)
    history_before = ActionUpdate.objects.count()

    report = _import(area, plan_xlsx)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 94)
    assert ActionUpdate.objects.count() == history_before


def test_a_reimport_updates_by_ref_and_records_the_change_as_history(area, plan_xlsx, tmp_path):
    _import(area, plan_xlsx)
    rows = lancashire.plan_rows()
    rows[0].update({"Progress status": "In progress", "RAG rating": "Green", "Progress update": "Work began"})
    changed = tmp_path / "changed.xlsx"
    lancashire.write_xlsx(changed, rows)

    with time_machine.travel(dt.datetime(2019, 5, 20, 10, tzinfo=dt.UTC)):
        report = _import(area, changed)

    assert (report.updated, report.unchanged) == (1, 93)
    action = Action.objects.get(ref="1.1")
    assert (action.status, action.rag, action.latest_update) == ("in_progress", "green", "Work began")
    assert action.actual_start == dt.date(2019, 5, 20)
    update = action.updates.order_by("-pk").first()
    assert (update.status_from, update.status, update.rag_from, update.rag) == (
        "not_started",
        "in_progress",
        "amber",
        "green",
    )
    assert update.reason == IMPORT_REASON


def test_columns_not_in_the_contract_are_kept_as_extras(area, plan_xlsx):
    _import(area, plan_xlsx)
    assert Action.objects.get(ref="1.1").extra == {"Funding source": "High needs block"}


def _bad_rows():
    rows = lancashire.plan_rows()[:5]
    rows[1]["Completion date"] = "31/02/2019"
    rows[2]["Progress status"] = "Paused"
    rows[4]["Ref"] = rows[3]["Ref"]
    return rows


def test_a_dry_run_lists_every_error_with_sheet_row_column_and_value_and_writes_nothing(area, tmp_path):
    path = tmp_path / "bad.xlsx"
    lancashire.write_xlsx(path, _bad_rows(), title="Plan April 2019")

    report = _import(area, path, dry_run=True)

    located = {(e.sheet, e.row, e.column, e.value) for e in report.errors}
    assert located == {
        ("Plan April 2019", 3, "H (Completion date)", "31/02/2019"),
        ("Plan April 2019", 4, "I (Progress status)", "Paused"),
        ("Plan April 2019", 6, "A (Ref)", "1.4"),
    }
    assert DUPLICATE_REF.format(value="1.4", first_row=5) in [e.why for e in report.errors]
    assert not ImprovementPlan.objects.exists() and not Action.objects.exists()


def test_without_dry_run_a_file_with_an_error_is_refused_whole(area, tmp_path):
    path = tmp_path / "bad.csv"
    rows = _bad_rows()
    lines = [",".join(lancashire.HEADERS[:9])] + [
        ",".join(
            str(r[h]) if not isinstance(r[h], dt.date) else r[h].isoformat() for h in lancashire.HEADERS[:9]
        )
        for r in rows
    ]
    path.write_text("\n".join(lines))

    report = _import(area, path)

    assert len(report.errors) == 3 and not report.written
    assert not Action.objects.exists()


def test_a_dry_run_of_a_good_file_counts_what_it_would_do_and_writes_nothing(area, plan_xlsx):
    report = _import(area, plan_xlsx, dry_run=True)
    assert report.ok and report.created == 94 and not report.written
    assert not Action.objects.exists()


def test_a_month_and_year_date_warns_naming_the_cell(area):
    rows = lancashire.plan_rows()[:2]
    rows[1]["Completion date"] = "Mar-20"
    report = import_plan_rows(area=area, plan_name="Plan", rows=rows, sheet_name="Plan")
    assert report.ok
    assert [(w.row, w.column, w.value) for w in report.warnings] == [(3, "H (Completion date)", "Mar-20")]
    assert Action.objects.get(ref="1.2").due_date == dt.date(2020, 3, 31)


def test_a_missing_required_column_is_an_error(area):
    report = import_plan_rows(area=area, plan_name="Plan", rows=[{"Ref": "1", "Lead": "Someone"}])
    assert not report.ok
    assert "There is no action column" in report.errors[0].why


def test_the_command_imports_and_says_what_it_did(area, plan_xlsx, capsys):
    call_command("import_plan", str(plan_xlsx), plan=lancashire.PLAN_NAME)
    assert "Imported 94 actions" in capsys.readouterr().out
    assert Action.objects.count() == 94


def test_the_commands_dry_run_reports_errors_and_exits_with_status_2(area, tmp_path, capsys):
    path = tmp_path / "bad.xlsx"
    lancashire.write_xlsx(path, _bad_rows())
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_plan", str(path), plan="Plan", dry_run=True)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "row 3, column H (Completion date), value '31/02/2019'" in err
    assert not Action.objects.exists()


def test_with_no_local_area_the_command_creates_one(db, plan_xlsx):
    call_command("import_plan", str(plan_xlsx), plan="Plan")
    assert ImprovementPlan.objects.get().local_area.name == "Local area"


def test_with_several_local_areas_the_command_needs_area(area, other_area, plan_xlsx, capsys):
    with pytest.raises(SystemExit):
        call_command("import_plan", str(plan_xlsx), plan="Plan")
    call_command("import_plan", str(plan_xlsx), plan="Plan", area="998")
    assert ImprovementPlan.objects.get().local_area == other_area


def test_an_unreadable_file_is_an_error_not_a_crash(area):
    report = import_plan_file(
        area=area, plan_name="Plan", file=io.BytesIO(b"not a zip"), filename="plan.xlsx"
    )
    assert not report.ok


def test_an_import_writes_exactly_one_audit_row_and_an_unchanged_reimport_none(area, plan_xlsx, manager):
    _import(area, plan_xlsx, by=manager)

    event = AuditEvent.objects.get()
    plan = ImprovementPlan.objects.get(name=lancashire.PLAN_NAME)
    assert (event.verb, event.actor, event.local_area) == (AuditVerb.PLAN_IMPORTED, manager, area)
    assert event.subject_id == str(plan.pk)
    assert event.detail["created"] == 94 and event.detail["updated"] == 0

    _import(area, plan_xlsx, by=manager)
    assert AuditEvent.objects.count() == 1


def test_a_dry_run_or_a_refused_file_writes_no_audit_row(area, plan_xlsx, tmp_path):
    _import(area, plan_xlsx, dry_run=True)
    rows = lancashire.plan_rows()
    rows[1]["Ref"] = rows[0]["Ref"]
    import_plan_rows(area=area, plan_name=lancashire.PLAN_NAME, rows=rows)
    assert not AuditEvent.objects.exists()
