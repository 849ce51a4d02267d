"""On PostgreSQL every statement that writes or deletes events notes each area whose cases they
belong to, once, with its transaction: the SEN2 check's way of telling that records changed."""

from __future__ import annotations

import pytest
from django.db import connection

from sendtrack.casework.models import Case, CaseEvent, Person
from sendtrack.performance.models import RecordChange

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="notes are written by triggers")


def _case(area, ref: str) -> Case:
    person = Person.objects.create(local_area=area, given_name="Ann", family_name="Lee")
    return Case.objects.create(local_area=area, person=person, case_ref=ref)


def _noted() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_xact_id()::text::bigint")
        (xid,) = cursor.fetchone()
    return sorted(RecordChange.objects.filter(xid=xid).values_list("area_id", flat=True))


def test_one_statement_of_events_notes_each_of_their_areas_once(area, other_area):
    cases = [_case(area, "NB-1"), _case(area, "NB-2"), _case(other_area, "OT-1")]
    RecordChange.objects.all().delete()

    CaseEvent.objects.bulk_create(
        CaseEvent(case=case, type="request_received", data={}, position=n) for case in cases for n in range(3)
    )
    assert _noted() == sorted([area.pk, other_area.pk])

    RecordChange.objects.all().delete()
    CaseEvent.objects.filter(case__in=cases[:2]).delete()
    assert _noted() == [area.pk]
