"""`Case.objects.visible_to` agrees with the access rule written out in plain Python, on random
small installations: areas, organisations, memberships, advice requests, involvements and family links."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendtrack.accounts.models import (
    INVOLVED_ROLES,
    LA_CASE_ROLES,
    LocalArea,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from sendtrack.casework.access import ADDRESSED_EVENT_TYPES
from sendtrack.casework.models import Case, CaseEvent, FamilyLink, Involvement, Person

KINDS = [OrganisationKind.LOCAL_AUTHORITY, OrganisationKind.NHS_TRUST, OrganisationKind.SETTING]
EVENT_TYPES = [*ADDRESSED_EVENT_TYPES, "request_received"]
ADVICE_FROM = ["health", "social_care", "educational_psychology"]
offsets = st.integers(min_value=-3, max_value=3)  # days from today; None below means open-ended


def plain_rule(user, case, world, today):
    """Who may see a case, spelled out one condition at a time."""
    memberships = [m for m in world["memberships"] if m["user"] == user and not m["ended"]]
    orgs = world["orgs"]
    for m in memberships:
        org = orgs[m["org"]]
        la_staff = m["role"] in LA_CASE_ROLES and org["kind"] == OrganisationKind.LOCAL_AUTHORITY
        if la_staff and org["area"] == case["area"]:
            return True
    involved = {m["org"] for m in memberships if m["role"] in INVOLVED_ROLES}
    for event in world["events"]:
        if event["case"] == case["i"] and event["org"] in involved and event["type"] in ADDRESSED_EVENT_TYPES:
            return True
    for inv in world["involvements"]:
        if inv["case"] == case["i"] and inv["org"] in involved and current(inv, today):
            return True
    dco_areas = {orgs[m["org"]]["area"] for m in memberships if m["role"] == Role.DESIGNATED_CLINICAL_OFFICER}
    if case["area"] in dco_areas and any(
        e["case"] == case["i"] and e["type"] == "advice_requested" and e["from"] == "health"
        for e in world["events"]
    ):
        return True
    if not memberships or any(m["role"] == Role.PARENT for m in memberships):
        for link in world["links"]:
            if link["user"] == user and link["case"] == case["i"] and current(link, today):
                return True
    return False


def current(row, today):
    start = today + dt.timedelta(days=row["start"])
    end = None if row["end"] is None else today + dt.timedelta(days=row["end"])
    return start <= today and (end is None or end >= today)


@st.composite
def worlds(draw):
    orgs = [{"area": draw(st.integers(0, 1)), "kind": draw(st.sampled_from(KINDS))} for _ in range(4)]
    n_users, n_cases = 3, 3
    memberships, seen = [], set()
    for user in range(n_users):
        for _ in range(draw(st.integers(0, 2))):
            m = {
                "user": user,
                "org": draw(st.integers(0, len(orgs) - 1)),
                "role": draw(st.sampled_from(list(Role))),
                "ended": draw(st.booleans()),
            }
            if (m["user"], m["org"], m["role"]) not in seen:
                seen.add((m["user"], m["org"], m["role"]))
                memberships.append(m)
    cases = [{"i": i, "area": draw(st.integers(0, 1))} for i in range(n_cases)]
    events = [
        {
            "case": draw(st.integers(0, n_cases - 1)),
            "org": draw(st.one_of(st.none(), st.integers(0, len(orgs) - 1))),
            "type": draw(st.sampled_from(EVENT_TYPES)),
            "from": draw(st.sampled_from(ADVICE_FROM)),
        }
        for _ in range(draw(st.integers(0, 4)))
    ]
    dated = {"start": offsets, "end": st.one_of(st.none(), offsets)}
    involvements = [
        {"case": draw(st.integers(0, n_cases - 1)), "org": draw(st.integers(0, len(orgs) - 1))}
        | {k: draw(v) for k, v in dated.items()}
        for _ in range(draw(st.integers(0, 3)))
    ]
    links = [
        {"case": draw(st.integers(0, n_cases - 1)), "user": draw(st.integers(0, n_users - 1))}
        | {k: draw(v) for k, v in dated.items()}
        for _ in range(draw(st.integers(0, 3)))
    ]
    return {
        "orgs": orgs,
        "users": n_users,
        "memberships": memberships,
        "cases": cases,
        "events": events,
        "involvements": involvements,
        "links": links,
    }


def build(world, today):
    areas = [LocalArea.objects.create(code=f"9{i}0", name=f"Area {i}") for i in range(2)]
    orgs = [
        Organisation.objects.create(local_area=areas[o["area"]], kind=o["kind"], name=f"Organisation {i}")
        for i, o in enumerate(world["orgs"])
    ]
    users = [
        User.objects.create_user(email=f"user{i}@example.org", password=None) for i in range(world["users"])
    ]
    for m in world["memberships"]:
        Membership.objects.create(
            user=users[m["user"]],
            organisation=orgs[m["org"]],
            role=m["role"],
            ended_on=today - dt.timedelta(days=1) if m["ended"] else None,
        )
    cases = []
    for c in world["cases"]:
        person = Person.objects.create(local_area=areas[c["area"]], ref=f"P{c['i']}")
        cases.append(Case.objects.create(local_area=areas[c["area"]], person=person, case_ref=f"C{c['i']}"))
    for position, e in enumerate(world["events"]):
        CaseEvent.objects.create(
            case=cases[e["case"]],
            type=e["type"],
            data={"type": e["type"], "from": e["from"]},
            organisation=None if e["org"] is None else orgs[e["org"]],
            position=position,
        )

    def dates(row):
        return {
            "started_on": today + dt.timedelta(days=row["start"]),
            "ended_on": None if row["end"] is None else today + dt.timedelta(days=row["end"]),
        }

    for inv in world["involvements"]:
        Involvement.objects.create(case=cases[inv["case"]], organisation=orgs[inv["org"]], **dates(inv))
    for link in world["links"]:
        FamilyLink.objects.create(
            person=cases[link["case"]].person, user=users[link["user"]], relationship="parent", **dates(link)
        )
    return users, cases


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(world=worlds())
def test_visible_to_agrees_with_the_plain_rule(world):
    today = timezone.localdate()
    with transaction.atomic():
        users, cases = build(world, today)
        for u, user in enumerate(users):
            user = User.objects.get(pk=user.pk)  # no cached memberships
            seen = set(Case.objects.visible_to(user).values_list("case_ref", flat=True))
            expected = {f"C{c['i']}" for c in world["cases"] if plain_rule(u, c, world, today)}
            assert seen == expected, (u, world)
        transaction.set_rollback(True)
