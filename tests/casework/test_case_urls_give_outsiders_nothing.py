"""The access matrix: people outside a case get 404 (or the sign-in page), never the child's data."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

OUTSIDERS = ["caseworker_elsewhere", "health_advisor", "other_senco", "other_parent", "anonymous"]


def case_urls(case, event_id):
    ref = case.case_ref
    return [
        ("get", reverse("casework:person", args=[ref])),
        ("get", reverse("casework:edit-details", args=[ref])),
        ("get", reverse("casework:record-event", args=[ref, "advice_received"])),
        ("post", reverse("casework:record-event", args=[ref, "draft_plan_issued"])),
        ("get", reverse("casework:correct-event", args=[ref, event_id])),
        ("get", f"/api/cases/{ref}/timeline"),
        ("post", f"/api/cases/{ref}/events"),
    ]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_every_case_url_gives_outsiders_404_or_the_sign_in_page(
    request, client, who, uninvolved_case, child_case
):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    event_id = uninvolved_case.events.first().pk
    for method, url in case_urls(uninvolved_case, event_id):
        if method == "get":
            response = client.get(url)
        elif url.startswith("/api/"):
            response = client.post(
                url, {"type": "draft_plan_issued", "date": "2026-03-01"}, content_type="application/json"
            )
        else:
            response = client.post(url, {"date": "2026-03-01"})
        body = response.content.decode()
        assert "Ben Clarke" not in body and "Clarke" not in body and "February 2014" not in body, url
        if who == "anonymous" and not url.startswith("/api/"):
            assert response.status_code == 302 and "/account/" in response["Location"], url
        elif who == "anonymous":
            assert response.status_code == 401, url
        else:
            assert response.status_code == 404, (url, response.status_code)


def test_a_case_that_does_not_exist_gives_the_same_404_as_a_hidden_one(
    client, caseworker_elsewhere, uninvolved_case
):
    client.force_login(caseworker_elsewhere)
    hidden = client.get(reverse("casework:person", args=[uninvolved_case.case_ref]))
    missing = client.get(reverse("casework:person", args=["NB-9999"]))
    assert hidden.status_code == missing.status_code == 404
    tokens = re.compile(rb'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]*"')
    assert tokens.sub(b"", hidden.content) == tokens.sub(b"", missing.content)
