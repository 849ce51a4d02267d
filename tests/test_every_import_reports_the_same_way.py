"""Every import (case files, improvement plans, other sources) answers with the one `ImportReport`."""

from __future__ import annotations

import inspect
import io

from sendtrack.casework.services import import_cases
from sendtrack.documents.services import import_documents
from sendtrack.improvement.services.imports import import_plan_rows
from sendtrack.interchange.import_report import ImportReport
from sendtrack.performance.services import imports as other_sources
from tests.casework.conftest import CHILD, import_objects


def test_each_import_service_returns_the_one_report_class(
    area, council, health_trust, school, tmp_path
) -> None:
    cases = import_objects([CHILD], area)
    (tmp_path / "NB-0001").mkdir()
    (tmp_path / "NB-0001" / "letter.pdf").write_bytes(b"%PDF-1.4 letter")
    documents = import_documents(
        folder=tmp_path,
        index=["file,type,date\n", "NB-0001/letter.pdf,other,2020-01-05\n"],
        area=area,
        dry_run=True,
    )
    plan = import_plan_rows(area=area, plan_name="Plan", rows=[{"Ref": "1.1", "Action": "Train panel"}])
    waiting = other_sources.import_waiting_list(
        area=area, file=io.BytesIO(b"nothing,useful\n1,2\n"), filename="list.csv"
    )
    assert all(type(report) is ImportReport for report in (cases, plan, waiting, documents))
    assert documents.summary() == "Would import 1 documents into Northbridge: 1 new, 0 changed, 0 unchanged."
    for name, function in inspect.getmembers(other_sources, inspect.isfunction):
        if name.startswith("import_"):
            assert inspect.signature(function).return_annotation in ("ImportReport", ImportReport), name


def test_the_summary_counts_what_was_stored_or_says_why_nothing_was(area, council, health_trust, school):
    cases = import_objects([CHILD], area)
    assert cases.summary().startswith("Imported 1 cases into Northbridge: 1 new, 0 changed, 0 unchanged; ")
    refused = import_cases(["{not json"], area=area)
    assert refused.summary() == "Nothing imported: 1 problem in 1 cases"
    preview = import_plan_rows(
        area=area, plan_name="Plan", rows=[{"Ref": "1.1", "Action": "Train panel"}], dry_run=True
    )
    assert preview.summary() == "Would import 1 actions into Plan: 1 new, 0 changed, 0 unchanged."
