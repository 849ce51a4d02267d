"""The log lines a person page and a missing case produce carry a request id and no child's details."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.urls import reverse


@pytest.fixture
def log_lines(settings):
    """The configured JSON handler, writing into a buffer for the test's length."""
    handler = next(h for h in logging.getLogger("sendtrack").handlers if h.name == "console")
    buffer = io.StringIO()
    previous, handler.stream = handler.stream, buffer
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    handler.stream = previous


def test_a_person_page_logs_its_route_and_request_id_but_no_name_birth_date_or_case_ref(
    client, caseworker, child_case, log_lines
):
    client.force_login(caseworker)

    page = client.get(reverse("casework:person", args=["NB-0001"]), HTTP_X_REQUEST_ID="req-0001-abcdef")
    missing = client.get(reverse("casework:person", args=["NB-9999"]))

    assert page.status_code == 200 and "Lily" in page.content.decode()
    assert missing.status_code == 404
    lines = log_lines()
    text = json.dumps(lines)
    for detail in ("Lily", "Brown", "2016-04-30", "30 April 2016", "NB-0001", "NB-9999", "P0001"):
        assert detail not in text
    requests = [line for line in lines if line["logger"] == "sendtrack.requests"]
    assert [line["status"] for line in requests] == [200, 404]
    assert requests[0]["request_id"] == "req-0001-abcdef" and requests[0]["user_id"] == caseworker.pk
    assert requests[0]["route"] == "casework/cases/<str:case_ref>/"
    assert any(line["logger"] == "django.request" and line["message"] == "Not Found" for line in lines)
    assert len({line["request_id"] for line in requests}) == 2
