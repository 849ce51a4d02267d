"""Portal records on the fixed cast. The clock is fixed at 16 March 2026.

`child_case` is Lily Brown's case in Northbridge: a request on 5 January 2026, a decision to assess
on 10 February, health advice asked of Northbridge Community Health NHS Trust on 11 February, and
Oakfield Primary School consulted on 20 February (its reply was due on 7 March: 9 days late).
`parent` has a current family link to Lily; `other_parent` has none.

`draft_case` is Ben Carter's case, whose draft plan was sent on 9 March 2026.
"""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
import time_machine

from sendtrack.casework import services
from sendtrack.casework.models import Case, FamilyLink
from sendtrack.portal.services.invitations import link_family_member

TODAY = dt.date(2026, 3, 16)

CHILD = {
    "case_ref": "NB-0001",
    "person": {"ref": "P0001", "given_name": "Lily", "family_name": "Brown", "date_of_birth": "2016-04-30"},
    "events": [
        {"type": "request_received", "date": "2026-01-05", "source": "parent"},
        {"type": "assessment_decision", "date": "2026-02-10", "outcome": "assess"},
        {
            "type": "advice_requested",
            "date": "2026-02-11",
            "from": "health",
            "to": "Northbridge Community Health NHS Trust",
        },
        {"type": "setting_consulted", "date": "2026-02-20", "setting": "131204"},
    ],
}

DRAFT = {
    "case_ref": "NB-0002",
    "person": {"ref": "P0002", "given_name": "Ben", "family_name": "Carter", "date_of_birth": "2009-02-01"},
    "events": [
        {"type": "request_received", "date": "2025-11-03", "source": "parent"},
        {"type": "assessment_decision", "date": "2025-12-08", "outcome": "assess"},
        {"type": "advice_requested", "date": "2025-12-09", "from": "health"},
        {"type": "advice_received", "date": "2026-01-20", "from": "health"},
        {"type": "plan_decision", "date": "2026-02-20", "outcome": "issue"},
        {"type": "draft_plan_issued", "date": "2026-03-09"},
    ],
}


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel(dt.datetime(2026, 3, 16, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def import_case(obj, area) -> Case:
    report = services.import_cases([json.dumps(obj)], area=area)
    assert report.ok, report.errors
    return Case.objects.select_related("person").get(local_area=area, case_ref=obj["case_ref"])


@pytest.fixture
def child_case(area, council, health_trust, school) -> Case:
    return import_case(copy.deepcopy(CHILD), area)


@pytest.fixture
def family_link(child_case, parent, caseworker) -> FamilyLink:
    return link_family_member(
        person=child_case.person,
        user=parent,
        relationship=FamilyLink.Relationship.PARENT,
        granted_by=caseworker,
    )


@pytest.fixture
def draft_case(area, council, health_trust, school) -> Case:
    return import_case(copy.deepcopy(DRAFT), area)


@pytest.fixture
def draft_link(draft_case, parent, caseworker) -> FamilyLink:
    return link_family_member(
        person=draft_case.person,
        user=parent,
        relationship=FamilyLink.Relationship.PARENT,
        granted_by=caseworker,
    )
