"""The addresses worked out once per page are exactly the ones `reverse` gives, for any reference."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendtrack.casework.forms import EVENT_LABELS
from sendtrack.casework.links import CaseLinks, correct_event_url, record_event_url


@pytest.mark.parametrize("ref", ["999-000123", "B0001.2_x~y", "ref with space", "Ünï-cödé", "a:b@c", "50%"])
def test_person_record_and_correct_addresses_equal_reverse(ref):
    person = CaseLinks().person(ref)
    assert person == reverse("casework:person", args=[ref])
    for event_type in EVENT_LABELS:
        expected = reverse("casework:record-event", args=[ref, event_type])
        assert record_event_url(person, event_type) == expected
    assert correct_event_url(person, 42) == reverse("casework:correct-event", args=[ref, 42])
