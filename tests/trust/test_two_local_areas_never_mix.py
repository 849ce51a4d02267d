"""Two local areas in one installation: nothing identifiable of one ever reaches the other's staff,
in any list, search, export, API answer, aggregate or public page."""

from __future__ import annotations

import copy
import io
import re

import pytest
from django.core.management import call_command
from django.urls import get_resolver

from sendtrack.accounts.models import Role
from sendtrack.performance.kpis import KPIS
from sendtrack.performance.services.refresh import refresh_summaries
from tests.core.test_every_page_needs_sign_in import _walk
from tests.factories import member
from tests.trust.casework_cast import *  # noqa: F403
from tests.trust.casework_cast import import_objects

SOUTHMOOR_CHILDREN = [
    ("SM-QZ-0001", "SQ0001", "Quentin", "Zabriskie", "2013-07-19"),
    ("SM-QZ-0002", "SQ0002", "Ottoline", "Vexley", "2017-11-03"),
    ("SM-QZ-0003", "SQ0003", "Peregrine", "Arkwright", "2011-01-28"),
]
SECRETS = [s for c in SOUTHMOOR_CHILDREN for s in (c[0], c[1], c[2], c[3], c[4])]
EVENTS = [
    {"type": "request_received", "date": "2026-01-05", "source": "parent"},
    {"type": "assessment_decision", "date": "2026-02-10", "outcome": "assess"},
    {"type": "advice_requested", "date": "2026-02-11", "from": "health"},
]
AREA_A_STAFF = [
    "caseworker",
    "manager",
    "read_only_officer",
    "administrator",
    "dco",
    "health_advisor",
    "senco",
    "social_worker",
    "parent",
]
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
EXTRA_URLS = [
    "/casework/?stage=assessing",
    "/casework/?overdue=on",
    "/casework/advice/?agency=health",
    "/api/tracker?stage=assessing",
    "/api/kpis",
    "/api/kpis?area=998",
    "/performance/areas/998/",
    "/public/998/",
    "/improvement/public/998/",
]


@pytest.fixture
def two_areas(area, other_area, council, council_elsewhere, child_case, uninvolved_case, family_link):
    objects = []
    for case_ref, ref, given, family, born in SOUTHMOOR_CHILDREN:
        objects.append(
            {
                "case_ref": case_ref,
                "person": {"ref": ref, "given_name": given, "family_name": family, "date_of_birth": born},
                "events": copy.deepcopy(EVENTS),
            }
        )
    import_objects(objects, other_area)
    # Southmoor's own staff, so its figures and lists are not empty.
    member("manager@southmoor.example", Role.SEND_MANAGER, council_elsewhere, "Rita Moss")
    for a in (area, other_area):
        refresh_summaries(area=a)
    return area


def area_a_urls():
    values = {
        "case_ref": "NB-0001",
        "area_code": "999",
        "kpi_id": KPIS[0].id,
        "event_type": "advice_received",
    }
    urls = set(EXTRA_URLS)
    for route, name in _walk(get_resolver()):
        if route.startswith("admin/") or name in {"accounts:sign-out"}:
            continue
        urls.add("/" + PARAMETER.sub(lambda m: values.get(m.group(2), "1"), route))
    return sorted(urls)


def test_area_a_staff_never_see_area_b_children(request, client, two_areas):
    urls = area_a_urls()
    assert "/casework/tracker.csv" in urls and "/api/tracker" in urls
    for who in AREA_A_STAFF:
        client.force_login(request.getfixturevalue(who))
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, (who, url, response.status_code)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode("utf-8", "replace")
            for secret in SECRETS:
                assert secret not in text, (who, url, secret)


def test_the_area_a_tracker_still_shows_area_a(client, caseworker, two_areas):
    """The check above could pass by showing nothing: the tracker does show Northbridge's child."""
    client.force_login(caseworker)
    assert "Lily Brown" in client.get("/api/tracker").content.decode()
    assert "Lily Brown" in client.get("/casework/").content.decode()


def test_area_a_exports_hold_nothing_of_area_b(two_areas, tmp_path):
    out = io.StringIO()
    call_command("export_cases", "--area", "999", stdout=out, stderr=io.StringIO())
    assert "NB-0001" in out.getvalue()
    for secret in SECRETS:
        assert secret not in out.getvalue()
