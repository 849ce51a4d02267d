"""The tracker's filter form is rendered once for each state and reused (`tracker_filters`): the
page must be byte for byte what the template rendering the form inline (`before/tracker.html`, the
template as it was) made of the same context, and a form whose choices, values or errors differ
must never be given another state's HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory

from sendtrack.casework import tracker_filters
from sendtrack.casework.forms import TrackerFilterForm

BEFORE = (Path(__file__).parent / "before" / "tracker.html").read_text(encoding="utf-8")
TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+')


@pytest.fixture(autouse=True)
def nothing_kept():
    tracker_filters._rendered.clear()


def old_page(response, user) -> str:
    context = {key: value for layer in response.context for key, value in layer.flatten().items()}
    request = RequestFactory().get(response.wsgi_request.get_full_path())
    request.user = user
    request.session = {}
    return engines["django"].from_string(BEFORE).render(context, request)


@pytest.mark.parametrize(
    "query",
    ["", "?stage=awaiting_decision&overdue=on", "?caseworker=999999&need=ASD", "?page=2&setting=abc"],
)
def test_the_page_is_what_the_inline_form_made(client, caseworker, child_case, uninvolved_case, query):
    caseworker.full_name = "Tom O'Neil & <Sons>"
    caseworker.save()
    client.force_login(caseworker)

    for _ in range(2):  # rendered, then reused
        response = client.get("/casework/" + query)
        assert response.status_code == 200
        new = TOKEN.sub(r"\1T", response.content.decode())
        assert new == TOKEN.sub(r"\1T", old_page(response, caseworker))
    assert "Tom O&#x27;Neil &amp; &lt;Sons&gt;" in new


def form(data: dict | None, caseworkers: list, limit: str = "") -> TrackerFilterForm:
    choices = {"caseworkers": caseworkers, "settings": [(7, "Oakfield")]}
    made = TrackerFilterForm(data, choices=choices, limit=limit)
    if data is not None:
        made.is_valid()
    return made


def test_a_different_state_never_gets_another_states_html(db, monkeypatch):
    rendered = []
    real = tracker_filters.render_to_string
    monkeypatch.setattr(
        tracker_filters, "render_to_string", lambda *a, **k: rendered.append(1) or real(*a, **k)
    )
    first = tracker_filters.filters_html(form(None, [(1, "Ann Lee")]), "")

    assert tracker_filters.filters_html(form(None, [(1, "Ann Lee")]), "") == first
    assert len(rendered) == 1
    renamed = tracker_filters.filters_html(form(None, [(1, "Ann Leigh")]), "")
    chosen = tracker_filters.filters_html(form({"caseworker": "1"}, [(1, "Ann Lee")]), "")
    wrong = tracker_filters.filters_html(form({"caseworker": "2"}, [(1, "Ann Lee")]), "")
    with_risk = tracker_filters.filters_html(form(None, [(1, "Ann Lee")], "20 weeks"), "20 weeks")

    assert len(rendered) == 5
    assert "Ann Leigh" in renamed and "Ann Leigh" not in first
    assert '<option value="1" selected>Ann Lee</option>' in chosen
    assert "govuk-error-message" in wrong and "govuk-error-message" not in chosen
    assert "Risk of missing 20 weeks" in with_risk and "Risk of missing" not in first


def test_only_the_latest_states_are_kept(db, monkeypatch):
    monkeypatch.setattr(tracker_filters, "KEPT", 3)
    for n in range(5):
        tracker_filters.filters_html(form(None, [(n, f"Caseworker {n}")]), "")

    assert len(tracker_filters._rendered) == 3
