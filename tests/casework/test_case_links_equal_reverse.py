"""The addresses worked out once per page are exactly the ones `reverse` gives, for any reference."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendtrack.casework.forms import EVENT_LABELS
from sendtrack.casework.links import CaseLinks, case_url, correct_event_url, record_event_url


@pytest.mark.parametrize("ref", ["999-000123", "B0001.2_x~y", "ref with space", "Ünï-cödé", "a:b@c", "50%"])
def test_person_record_and_correct_addresses_equal_reverse(ref):
    person = CaseLinks().person(ref)
    assert person == reverse("casework:person", args=[ref])
    for event_type in EVENT_LABELS:
        expected = reverse("casework:record-event", args=[ref, event_type])
        assert record_event_url(person, event_type) == expected
    assert correct_event_url(person, 42) == reverse("casework:correct-event", args=[ref, 42])


CASE_PAGES = [
    "casework:edit-details",
    "casework:history",
    "casework:access-log",
    "casework:subject-access",
    "documents:list",
    "ehcplan:plan",
    "portal:invite-family-member",
]


@pytest.mark.parametrize("ref", ["999-000123", "B0001.2_x~y", "ref with space", "Ünï-cödé", "a:b@c", "50%"])
def test_case_page_addresses_equal_reverse(ref):
    for name in CASE_PAGES:
        assert case_url(name, ref) == reverse(name, args=[ref]), name


def test_case_page_addresses_follow_the_script_prefix():
    from django.urls import set_script_prefix

    try:
        set_script_prefix("/send/")
        assert case_url("casework:history", "999-1") == reverse("casework:history", args=["999-1"])
        assert case_url("casework:history", "999-1").startswith("/send/")
    finally:
        set_script_prefix("/")
    assert case_url("casework:history", "999-1") == reverse("casework:history", args=["999-1"])
