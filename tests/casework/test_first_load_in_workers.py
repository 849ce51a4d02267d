"""A first load whose lines are checked and run through the engine in worker processes stores what
the import stores without them, and refuses a bad file the same way."""

from __future__ import annotations

import copy
import datetime as dt
import json
from functools import partial

import pytest
from django.db import connection

from sendtrack.casework import services
from sendtrack.casework.models import Case, CaseEvent, IntegrityFlag, Milestone, Person
from sendtrack.casework.services.import_rows import CasesMadeInChunks
from sendtrack.demo.generator import generate_cases, generate_chunk
from tests.casework.conftest import CHILD

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a first load uses workers only on PostgreSQL"
)


def children(count: int) -> list[str]:
    lines = []
    for n in range(1, count + 1):
        child = copy.deepcopy(CHILD)
        child["case_ref"], child["person"]["ref"] = f"NB-{n:04}", f"P{n:04}"
        lines.append(json.dumps(child))
    return lines


def stored() -> dict[str, list]:
    """Every stored row but ids and timestamps, by its case's reference, in the order written."""
    skip = {"id", "created_at", "updated_at", "recorded_at", "person", "case"}

    def rows(model, by):
        names = [f.attname for f in model._meta.concrete_fields if f.name not in skip]
        return list(model.objects.order_by(by, "id").values_list(by, *names))

    return {
        "persons": rows(Person, "ref"),
        "cases": rows(Case, "case_ref"),
        "events": rows(CaseEvent, "case__case_ref"),
        "milestones": rows(Milestone, "case__case_ref"),
        "flags": rows(IntegrityFlag, "case__case_ref"),
    }


def test_workers_store_the_same_rows_and_ids_in_the_same_order(area, council, school):
    report = services.import_cases(children(7), area=area, build_indexes_after=True, workers=1)
    with_workers = stored()
    case_ids = list(Case.objects.order_by("case_ref").values_list("pk", flat=True))
    for model in (CaseEvent, Milestone, IntegrityFlag, Case, Person):
        model.objects.all().delete()

    again = services.import_cases(children(7), area=area, build_indexes_after=True)

    assert report.ok and report.created == again.created == 7
    assert report.also == again.also
    assert with_workers == stored()
    assert case_ids == sorted(case_ids) and with_workers["milestones"]


def test_cases_the_workers_make_are_stored_as_the_same_cases_given_one_by_one(area, council, school):
    terms = {"area_code": "999", "seed": 4, "as_of": dt.date(2026, 3, 16), "area_name": area.name}
    made = CasesMadeInChunks(partial(generate_chunk, **terms), 23, chunk=5)

    report = services.import_cases(made, area=area, build_indexes_after=True, workers=2)
    by_workers = stored()
    case_refs = list(Case.objects.order_by("pk").values_list("case_ref", flat=True))
    for model in (CaseEvent, Milestone, IntegrityFlag, Case, Person):
        model.objects.all().delete()
    again = services.import_cases(list(generate_cases(children=23, **terms)), area=area)

    assert report.ok and report.created == again.created == 23
    assert report.also == again.also and report.also["milestones"] > 23
    assert by_workers == stored()
    assert case_refs == [case["case_ref"] for case in made]


def test_a_bad_file_is_refused_with_the_same_problems_and_nothing_stored(area, council):
    lines = children(3)
    bad = json.loads(lines[1])
    bad["events"][0]["date"] = "not a date"
    lines[1] = json.dumps(bad)
    lines.append(lines[0])
    lines.append("{not json")

    report = services.import_cases(lines, area=area, build_indexes_after=True, workers=1)
    serial = services.import_cases(lines, area=area, build_indexes_after=True)

    assert not report.ok and report.errors == serial.errors and len(report.errors) == 3
    assert report.errors[1].startswith("line 4: case NB-0001 appears again")
    assert Case.objects.count() == 0 and CaseEvent.objects.count() == 0
