"""The case files a backtest reads: every case of the area in case order, or every n-th case by id."""

from __future__ import annotations

from sendtrack.casework.models import Case, CaseEvent
from sendtrack.forecast.services import area_case_files


def test_every_case_is_read_in_case_order_with_its_events(history):
    files = area_case_files(history)

    cases = list(Case.objects.filter(local_area=history))
    assert [f.case_ref for f in files] == [case.case_ref for case in cases]
    first = cases[0]
    assert len(files[0].events) == CaseEvent.objects.filter(case=first).count()


def test_every_second_case_by_id_is_a_sample_of_half_the_area(history):
    files = area_case_files(history, every=2)

    wanted = [case.case_ref for case in Case.objects.filter(local_area=history) if case.pk % 2 == 0]
    assert [f.case_ref for f in files] == wanted
    assert 0 < len(files) < Case.objects.filter(local_area=history).count()
