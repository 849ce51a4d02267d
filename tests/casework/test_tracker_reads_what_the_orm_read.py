"""The tracker's page of cases and its count come from fixed statements around the access rule and
the filters (`tracker_reads`): for every user and filter, the same cases in the same order, with
the same fields, related rows and setting name as the ORM's `open_requests`, and the same count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Model

from sendtrack.casework.models import Case
from sendtrack.casework.selectors import TrackerFilters, open_requests, tracker_cases
from sendtrack.casework.tracker_reads import TrackerCases
from tests.casework.conftest import import_objects

TODAY = dt.date(2026, 3, 16)


def fields(instance: Model | None) -> dict[str, object] | None:
    if instance is None:
        return None
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def described(cases: list[Case]) -> list[object]:
    return [
        (
            fields(c),
            fields(c.person),
            fields(c.person.setting),
            fields(c.caseworker),
            c.next_due_setting,  # type: ignore[attr-defined]
        )
        for c in cases
    ]


@pytest.fixture
def many_cases(area, caseworker, child_case, uninvolved_case, school):
    import_objects(
        [
            {
                "case_ref": f"NB-1{n:03d}",
                "person": {
                    "ref": f"Q{n}",
                    "given_name": f"Child {n}",
                    "primary_need": "ASD" if n % 2 else "SLCN",
                },
                "events": [{"type": "request_received", "date": f"2026-0{1 + n % 3}-{10 + n % 9:02d}"}],
            }
            for n in range(12)
        ],
        area,
    )
    Case.objects.filter(case_ref__in=["NB-1001", "NB-1004", "NB-0001"]).update(caseworker=caseworker)
    Case.objects.filter(case_ref="NB-1005").update(next_due=None)
    return child_case


FILTERS = [
    TrackerFilters(),
    TrackerFilters(caseworker=0),
    TrackerFilters(stage="received"),
    TrackerFilters(need="ASD"),
    TrackerFilters(overdue=True),
    TrackerFilters(agency="health"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: repr(f))
def test_the_fixed_reads_give_what_the_orm_gave(many_cases, caseworker, school, filters):
    if filters.caseworker == 0:
        filters = TrackerFilters(caseworker=caseworker.pk)
    for user_filters in (filters, TrackerFilters(setting=school.pk, need=filters.need)):
        expected = open_requests(caseworker, user_filters, TODAY)
        found = tracker_cases(caseworker, user_filters, TODAY)

        assert isinstance(found, TrackerCases)
        assert found.count() == expected.count() == len(found)
        assert described(found[0:100]) == described(list(expected))
        assert described(found[2:5]) == described(list(expected[2:5]))


def test_the_setting_waited_on_is_named(many_cases, caseworker):
    found = tracker_cases(caseworker, TrackerFilters(), TODAY)[0:100]

    lily = next(c for c in found if c.case_ref == "NB-0001")
    assert lily.next_due_setting == "Oakfield Primary School"  # type: ignore[attr-defined]


@pytest.mark.parametrize("who", ["parent", "health_advisor", "caseworker_elsewhere", "administrator"])
def test_every_user_sees_by_the_rule(request, many_cases, family_link, who):
    user = request.getfixturevalue(who)
    expected = open_requests(user, TrackerFilters(), TODAY)
    found = tracker_cases(user, TrackerFilters(), TODAY)

    assert found.count() == expected.count()
    assert described(found[0:50]) == described(list(expected))


def test_a_page_shown_with_the_forecast_is_read_by_the_orm(caseworker, child_case):
    assert not isinstance(tracker_cases(caseworker, TrackerFilters(), TODAY, with_risk=True), TrackerCases)
    assert not isinstance(tracker_cases(caseworker, TrackerFilters(sort="risk"), TODAY), TrackerCases)
