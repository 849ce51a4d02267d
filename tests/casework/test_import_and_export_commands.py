from __future__ import annotations

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command

from sendtrack.accounts.models import LocalArea
from sendtrack.casework.models import AccessLog, Case
from tests.casework.conftest import CHILD, UNINVOLVED


def write_file(tmp_path, *objects):
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(o) + "\n" for o in objects), encoding="utf-8")
    return path


def test_export_of_an_import_gives_back_the_same_cases(tmp_path, area, council):
    first = copy.deepcopy(CHILD)
    first["person"]["looked_after"] = True
    first["events"][1]["minutes"] = {"item": 4}
    path = write_file(tmp_path, first, UNINVOLVED)
    call_command("import_cases", str(path), "--area", "999", stdout=io.StringIO())

    out = io.StringIO()
    call_command("export_cases", "--area", "Northbridge", stdout=out, stderr=io.StringIO())

    exported = [json.loads(line) for line in out.getvalue().splitlines()]
    assert exported == [first, UNINVOLVED]


def test_importing_the_same_file_twice_changes_nothing(tmp_path, area, council):
    path = write_file(tmp_path, CHILD)
    call_command("import_cases", str(path), stdout=io.StringIO())
    out = io.StringIO()

    call_command("import_cases", str(path), stdout=out)

    assert "0 new, 0 changed, 1 unchanged" in out.getvalue()


def test_a_file_with_a_bad_line_is_refused_and_every_bad_line_reported(tmp_path, area, council):
    bad = copy.deepcopy(CHILD)
    bad["events"][1]["outcome"] = "perhaps"
    path = write_file(tmp_path, UNINVOLVED, bad)
    errors = io.StringIO()

    with pytest.raises(CommandError, match="Nothing imported: 1 problem in 2 cases"):
        call_command("import_cases", str(path), stdout=io.StringIO(), stderr=errors)

    assert errors.getvalue().startswith(
        'line 2: case NB-0001: events[1] (assessment_decision): field "outcome"'
    )
    assert Case.objects.count() == 0


def test_without_an_area_on_an_empty_installation_a_local_area_is_created(tmp_path, db):
    call_command("import_cases", str(write_file(tmp_path, CHILD)), stdout=io.StringIO())

    assert LocalArea.objects.get().name == "Local area"
    assert Case.objects.get().case_ref == "NB-0001"


def test_with_several_areas_the_area_must_be_named(tmp_path, area, other_area):
    with pytest.raises(CommandError, match="--area"):
        call_command("import_cases", str(write_file(tmp_path, CHILD)), stdout=io.StringIO())


def test_refresh_milestones_is_idempotent_and_prints_counts(area, council, child_case):
    first, second = io.StringIO(), io.StringIO()

    call_command("refresh_milestones", "--area", "999", stdout=first)
    call_command("refresh_milestones", stdout=second)

    assert first.getvalue().strip() == "Refreshed 1 cases; 0 milestones moved."
    assert second.getvalue().strip() == "Refreshed 1 cases; 0 milestones moved."


def test_access_log_rows_cannot_be_changed_or_deleted(caseworker, child_case):
    log = AccessLog.objects.create(actor=caseworker, case=child_case, action="viewed record")

    with pytest.raises(ValueError):
        log.save()
    with pytest.raises(ValueError):
        log.delete()
    with pytest.raises(ValueError):
        AccessLog.objects.all().update(action="x")
    with pytest.raises(ValueError):
        AccessLog.objects.all().delete()
