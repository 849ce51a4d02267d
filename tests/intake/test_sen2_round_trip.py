"""A generated area's SEN2 return, brought into an empty database, gives back the same return.

Export the return of a generated area, empty the database of its case records, import the XML,
export again: the two returns are equal apart from the header's date and time, and the 20-week
KPIs (and the requests received) for the return's calendar year are equal.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest

from sendtrack.casework.models import Case, CaseEvent, Person
from sendtrack.casework.services import import_cases
from sendtrack.demo.generator import generate_cases
from sendtrack.intake.services.sen2 import import_sen2
from sendtrack.performance.counting import results_for
from sendtrack.performance.sen2_renderer import census_date_for, write_return
from sendtrack.performance.services.refresh import area_tallies

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 11, 2)
CREATED = re.compile(rb"<DateTime>[^<]*</DateTime>")
COMPARED = ("final_plan_", "plans_issued", "requests_received")


def _export(area, year: int) -> bytes:
    out = io.StringIO()
    report = write_return(
        area=area, census_date=census_date_for(year + 1), out=out, dmo="Y", dco="Y", dsco="Y"
    )
    assert report.errors == [], [str(item.issue.detail) for item in report.errors[:3]]
    return CREATED.sub(b"<DateTime/>", out.getvalue().encode())


def _kpis(area, year: int) -> dict:
    found = results_for(area_tallies([area.pk], AS_OF), year=year)
    return {k: v for k, v in found.items() if k.startswith(COMPARED)}


def _empty(area) -> None:
    Case.objects.filter(local_area=area).delete()
    Person.objects.filter(local_area=area).delete()


@pytest.mark.parametrize("seed", [7, 23])
def test_generated_area_round_trips_through_sen2(area, seed):
    cases = generate_cases("999", 200, seed, AS_OF)
    assert import_cases((json.dumps(c) for c in cases), area=area, as_of=AS_OF).ok
    year = 2025
    first = _export(area, year)
    kpis = _kpis(area, year)
    assert kpis["plans_issued"]["numerator"] >= 10
    assert first.count(b"<Week20>1</Week20>") >= 1 and first.count(b"<CeaseDate>") >= 1
    assert first.count(b"<PhaseTransferDueDate>") >= 1 and first.count(b"<RequestOutcome>H") >= 1
    _empty(area)
    result = import_sen2(io.BytesIO(first), area=area, dry_run=False, as_of=AS_OF)
    assert result.ok, result.report.errors[:5]
    assert result.persons > 50
    again = _export(area, year)
    if again != first:
        import difflib

        diff = "\n".join(
            list(difflib.unified_diff(first.decode().splitlines(), again.decode().splitlines(), lineterm=""))[
                :80
            ]
        )
        pytest.fail(diff)
    assert _kpis(area, year) == kpis
    events = CaseEvent.objects.filter(case__local_area=area).count()
    again_result = import_sen2(io.BytesIO(first), area=area, dry_run=False, as_of=AS_OF)
    assert again_result.ok and again_result.events_added == 0 and again_result.new_children == 0
    assert again_result.matched == result.persons
    assert CaseEvent.objects.filter(case__local_area=area).count() == events
    assert _export(area, year) == first
