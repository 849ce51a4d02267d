"""A plan is started from the case, written, issued as a draft, confirmed by health, and issued final."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from sendtrack.casework.models import CaseEvent
from sendtrack.casework.services import record_event
from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.ehcplan.checks import check_plan
from sendtrack.ehcplan.models import AgencyConfirmation, PlanKind
from sendtrack.ehcplan.services import (
    PlanNotOpen,
    confirm_sections,
    issue_plan,
    save_plan,
    start_plan,
    year_group_on,
)
from sendtrack.ehcplan.versions import differences, from_json, to_json
from tests.ehcplan.plans import good_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def advised_case(child_case, caseworker):
    record_event(
        case=child_case,
        by=caseworker,
        event={"type": "advice_received", "date": "2026-03-05", "from": "educational_psychology"},
    )
    record_event(
        case=child_case,
        by=caseworker,
        event={"type": "advice_received", "date": "2026-03-10", "from": "health"},
    )
    return child_case


def test_a_new_plan_takes_the_childs_name_year_group_setting_and_section_k_from_the_case(
    advised_case, caseworker
):
    version = start_plan(case=advised_case, by=caseworker)
    plan = version.plan()
    assert plan.child_name == "Lily Brown"
    assert plan.year_group == 5  # born 30 April 2016: Reception in 2020/21, Year 5 in 2025/26
    assert plan.sections["I"] == "Oakfield Primary School"
    assert [(a.agency, a.adviser, a.requested, a.received) for a in plan.advice] == [
        ("health", "Northbridge Community Health NHS Trust", dt.date(2026, 2, 11), dt.date(2026, 3, 10)),
        ("educational_psychology", "Educational psychology", dt.date(2026, 2, 11), dt.date(2026, 3, 5)),
    ]
    assert version.is_open and version.number == 1
    assert start_plan(case=advised_case, by=caseworker) == version


def test_every_change_is_audited_with_what_changed(advised_case, caseworker):
    version = start_plan(case=advised_case, by=caseworker)
    plan = good_plan()
    save_plan(version=version, by=caseworker, plan=plan, reason="First draft written")
    plan.provisions[0].how_often = "Twice a week"
    save_plan(version=version, by=caseworker, plan=plan, reason="Therapist asked for two sessions")
    last = AuditEvent.objects.filter(verb=AuditVerb.EHC_PLAN_CHANGED).order_by("-pk").first()
    assert last.detail["reason"] == "Therapist asked for two sessions"
    assert last.detail["changes"] == [
        {
            "section": "F",
            "what": "Provision F1 changed",
            "before": "Speech and language therapy to develop understanding of spoken language; Speech and "
            "language therapist (HCPC registered); 1:1; Once a week in term time; 45 minutes each session",
            "after": "Speech and language therapy to develop understanding of spoken language; Speech and "
            "language therapist (HCPC registered); 1:1; Twice a week; 45 minutes each session",
        }
    ]


def test_issuing_records_the_case_events_and_health_confirms_before_the_final_plan(
    advised_case, caseworker, health_advisor
):
    version = start_plan(case=advised_case, by=caseworker)
    save_plan(version=version, by=caseworker, plan=good_plan())
    draft = issue_plan(version=version, by=caseworker, on=dt.date(2026, 3, 16), kind=PlanKind.DRAFT)
    assert draft.event.type == "draft_plan_issued"
    with pytest.raises(PlanNotOpen):
        save_plan(version=draft, by=caseworker, plan=good_plan())
    asked = {c.agency: c for c in AgencyConfirmation.objects.filter(version=draft)}
    assert sorted(asked) == ["education", "health", "social_care"]
    assert asked["health"].due_on == dt.date(2026, 3, 26)
    assert asked["health"].organisation.name == "Northbridge Community Health NHS Trust"

    confirm_sections(confirmation=asked["health"], by=health_advisor, on=dt.date(2026, 3, 20))
    with time_machine.travel(dt.datetime(2026, 4, 2, 10, tzinfo=dt.UTC), tick=False):
        final_version = start_plan(case=advised_case, by=caseworker, kind=PlanKind.FINAL)
        final = issue_plan(version=final_version, by=caseworker, on=dt.date(2026, 4, 2), kind=PlanKind.FINAL)
    assert (final.number, final.event.type) == (2, "final_plan_issued")
    assert CaseEvent.objects.filter(case=advised_case, type="final_plan_issued").count() == 1
    plan = final.plan()
    assert plan.status == "final" and plan.confirmed == {"health": dt.date(2026, 3, 20)}
    fired = {(f.check, f.words) for f in check_plan(plan, dt.date(2026, 4, 2))}
    assert fired == {("issued_before_agencies_confirmed", "social care")}
    milestone = advised_case.milestones.get(rule="final_plan")
    assert milestone.completed == dt.date(2026, 4, 2)


def test_json_round_trip_and_differences_name_sections():
    plan = good_plan()
    assert from_json(to_json(plan)) == plan
    changed = good_plan()
    changed.sections["A"] = "Aisha now wants to be a zookeeper."
    del changed.outcomes[3]
    assert [(c.section, c.what) for c in differences(plan, changed)] == [
        ("A", "Wording changed"),
        ("E", "Outcome E4 removed"),
    ]


def test_year_groups_turn_on_the_first_of_september():
    born = dt.date(2016, 4, 30)
    assert year_group_on(born, dt.date(2026, 8, 31)) == 5
    assert year_group_on(born, dt.date(2026, 9, 1)) == 6
    assert year_group_on(dt.date(2016, 9, 1), dt.date(2021, 9, 1)) == 0
