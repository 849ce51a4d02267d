"""A first import into empty case tables builds their indexes and foreign keys once the rows are in."""

from __future__ import annotations

import copy
import json

import pytest
from django.db import IntegrityError, connection

from sendtrack.casework import services
from sendtrack.casework.models import Case, CaseEvent, Milestone
from sendtrack.casework.services.imports import LOADED_MODELS
from tests.casework.conftest import CHILD

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="indexes are dropped and built again only on PostgreSQL"
)


def definitions() -> list[tuple[str, str]]:
    """Every index and foreign key of the tables an import fills, as PostgreSQL would recreate it."""
    tables = [model._meta.db_table for model in LOADED_MODELS]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index"
            " WHERE indrelid::regclass::text = ANY(%s)"
            " UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s) ORDER BY 1",
            [tables, tables],
        )
        return cursor.fetchall()


def lines_of(*objects):
    return [json.dumps(o) for o in objects]


def second_child():
    child = copy.deepcopy(CHILD)
    child["case_ref"], child["person"]["ref"] = "NB-0002", "P0002"
    return child


def test_the_rows_are_stored_and_every_index_and_foreign_key_is_back(area, council, school):
    before = definitions()

    report = services.import_cases(lines_of(CHILD, second_child()), area=area, build_indexes_after=True)

    assert report.ok and report.created == 2
    assert definitions() == before
    assert CaseEvent.objects.filter(case__case_ref="NB-0002").count() == len(CHILD["events"])
    assert Milestone.objects.filter(case__case_ref="NB-0001").exists()
    assert Case.objects.get(case_ref="NB-0001").person.setting == school


def test_a_foreign_key_built_again_still_refuses_a_row_pointing_nowhere(area, council):
    services.import_cases(lines_of(CHILD), area=area, build_indexes_after=True)
    event = CaseEvent.objects.first()

    with pytest.raises(IntegrityError), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            f"UPDATE {CaseEvent._meta.db_table} SET case_id = %s WHERE id = %s",  # noqa: S608
            [Case.objects.get().pk + 1000, event.pk],
        )


def test_a_refused_file_leaves_the_indexes_as_they_were(area, council):
    before = definitions()
    bad = copy.deepcopy(CHILD)
    bad["events"][0]["date"] = "not a date"

    report = services.import_cases(lines_of(CHILD, bad), area=area, build_indexes_after=True)

    assert not report.ok and Case.objects.count() == 0
    assert definitions() == before


def test_tables_already_holding_cases_keep_their_indexes_throughout(area, council):
    services.import_cases(lines_of(CHILD), area=area)
    seen: list[int] = []

    def count_indexes(report) -> bool:
        seen.append(len(definitions()))
        return False

    services.import_cases(
        lines_of(second_child()), area=area, build_indexes_after=True, also_write=count_indexes
    )

    assert seen == [len(definitions())]
