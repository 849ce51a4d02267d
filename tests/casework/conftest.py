"""Casework records built on the fixed cast.

The clock is fixed at 16 March 2026. `child_case` is Lily Brown's case in Northbridge: a request
received on 5 January 2026, a decision to assess on 10 February, health advice asked of the
Northbridge Community Health NHS Trust and educational psychology advice on 11 February, and
Oakfield Primary School consulted on 20 February. `parent` has a current family link to Lily.
"""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
import time_machine

from sendtrack.casework import services
from sendtrack.casework.models import Case, FamilyLink

TODAY = dt.date(2026, 3, 16)

CHILD = {
    "case_ref": "NB-0001",
    "person": {
        "ref": "P0001",
        "given_name": "Lily",
        "family_name": "Brown",
        "date_of_birth": "2016-04-30",
        "primary_need": "ASD",
        "setting": "131204",
    },
    "events": [
        {"type": "request_received", "date": "2026-01-05", "source": "parent"},
        {
            "type": "assessment_decision",
            "date": "2026-02-10",
            "outcome": "assess",
            "panel": ["education", "health", "social_care"],
        },
        {
            "type": "advice_requested",
            "date": "2026-02-11",
            "from": "health",
            "to": "Northbridge Community Health NHS Trust",
        },
        {"type": "advice_requested", "date": "2026-02-11", "from": "educational_psychology"},
        {"type": "setting_consulted", "date": "2026-02-20", "setting": "131204"},
    ],
}

ELSEWHERE = {
    "case_ref": "SM-0001",
    "person": {"ref": "S0001", "given_name": "Noah", "family_name": "Green", "date_of_birth": "2015-09-01"},
    "events": [{"type": "request_received", "date": "2026-01-12", "source": "school"}],
}


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel(dt.datetime(2026, 3, 16, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def import_objects(objects, area):
    report = services.import_cases([json.dumps(o) for o in objects], area=area)
    assert report.ok, report.errors
    return report


@pytest.fixture
def child_obj():
    return copy.deepcopy(CHILD)


@pytest.fixture
def child_case(area, council, health_trust, school, child_obj) -> Case:
    import_objects([child_obj], area)
    return Case.objects.select_related("person").get(local_area=area, case_ref="NB-0001")


@pytest.fixture
def case_elsewhere(other_area, council_elsewhere) -> Case:
    import_objects([copy.deepcopy(ELSEWHERE)], other_area)
    return Case.objects.select_related("person").get(local_area=other_area, case_ref="SM-0001")


@pytest.fixture
def family_link(child_case, parent, caseworker) -> FamilyLink:
    return FamilyLink.objects.create(
        person=child_case.person,
        user=parent,
        relationship=FamilyLink.Relationship.PARENT,
        granted_by=caseworker,
        started_on=dt.date(2026, 1, 20),
    )


UNINVOLVED = {
    "case_ref": "NB-0002",
    "person": {"ref": "P0002", "given_name": "Ben", "family_name": "Clarke", "date_of_birth": "2014-02-02"},
    "events": [{"type": "request_received", "date": "2026-02-02", "source": "parent"}],
}


@pytest.fixture
def uninvolved_case(area, council) -> Case:
    """A Northbridge case no health, school or family account is involved in."""
    import_objects([copy.deepcopy(UNINVOLVED)], area)
    return Case.objects.select_related("person").get(local_area=area, case_ref="NB-0002")


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
