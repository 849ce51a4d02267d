"""Parsing and validating case files: a malformed case names its case, event, field and problem."""

from __future__ import annotations

from typing import Any

import pytest

from sendtrack.statutory import CaseFileError, parse_case
from tests.statutory.cases import case, d, event


def refuse(obj: Any) -> CaseFileError:
    with pytest.raises(CaseFileError) as caught:
        parse_case(obj)
    message = str(caught.value)
    assert "\n" not in message
    return caught.value


def test_a_case_file_is_parsed_with_events_in_date_order_keeping_file_order_for_equal_dates() -> None:
    parsed = parse_case(
        case(
            event("advice_requested", "2026-02-11", from_="health"),
            event("request_received", "2026-01-05"),
            event("advice_requested", "2026-02-11", from_="education"),
            event("exception", reason="missed_appointment", start="2026-01-20", end="2026-01-20"),
        )
    )
    assert [(e.type, e.index) for e in parsed.events] == [
        ("request_received", 1),
        ("exception", 3),
        ("advice_requested", 0),
        ("advice_requested", 2),
    ]
    assert parsed.events[0].date == d("2026-01-05")
    assert parsed.events[1].date is None
    assert parsed.events[1].fields["start"] == d("2026-01-20")
    assert parsed.case_ref == "LA999-000001"
    assert parsed.person == {"ref": "P000001"}


def test_unknown_fields_are_kept_in_raw_and_never_an_error() -> None:
    obj = case(event("request_received", "2026-01-05", note="by email", priority=3))
    obj["area"] = "999"
    parsed = parse_case(obj)
    assert parsed.raw is obj
    assert parsed.events[0].fields["note"] == "by email"


def test_the_message_names_case_event_type_field_and_problem() -> None:
    error = refuse(
        case(
            event("request_received", "2026-01-05"),
            event("advice_requested", "2026-02-11", from_="dentist"),
        )
    )
    assert (error.case_ref, error.event_index, error.event_type, error.field) == (
        "LA999-000001",
        1,
        "advice_requested",
        "from",
    )
    assert str(error) == (
        'case LA999-000001: events[1] (advice_requested): field "from": unknown value "dentist"; '
        "expected one of education, health, social_care, educational_psychology, other"
    )


@pytest.mark.parametrize(
    ("bad_event", "field", "problem_part"),
    [
        (event("assessment_decision", "2026-02-10"), "outcome", "missing"),
        (event("assessment_decision", outcome="assess"), "date", "missing"),
        (event("request_received", "2026-02-30"), "date", "not a date"),
        (event("request_received", "05/01/2026"), "date", "not a date"),
        (event("request_received", "20260105"), "date", "not a date"),
        ({"type": "request_received", "date": 20260105}, "date", "not a date"),
        (event("assessment_decision", "2026-02-10", outcome="maybe"), "outcome", "unknown value"),
        (event("plan_decision", "2026-02-10", outcome="assess"), "outcome", "unknown value"),
        (event("review_decision", "2026-02-10", outcome="refuse"), "outcome", "unknown value"),
        (event("phase_transfer", "2026-09-01", kind="university"), "kind", "unknown value"),
        (event("exception", reason="snow", start="2026-01-01", end="2026-02-01"), "reason", "unknown value"),
        (
            event("exception", reason="missed_appointment", start="2026-02-01", end="2026-01-31"),
            "end",
            "before",
        ),
        (
            event("advice_requested", "2026-02-11", from_="health", received="2026-02-10"),
            "received",
            "before",
        ),
        (event("advice_requested", "2026-02-11", from_="health", received="soon"), "received", "not a date"),
        (event("assessment_decision", "2026-02-10", outcome="assess", panel="education"), "panel", "list"),
        (event("setting_consulted", "2026-02-10"), "setting", "missing"),
        (event("request_received", "2026-01-05", source="neighbour"), "source", "unknown value"),
    ],
)
def test_a_malformed_event_is_refused(bad_event: dict[str, Any], field: str, problem_part: str) -> None:
    error = refuse(case(event("request_received", "2026-01-01"), bad_event))
    assert (error.event_index, error.event_type, error.field) == (1, bad_event["type"], field)
    assert problem_part in error.problem


def test_an_unknown_event_type_is_refused() -> None:
    error = refuse(case(event("correction", "2026-01-05")))
    assert (error.event_index, error.event_type, error.field) == (0, "correction", "type")
    assert (
        str(error)
        == 'case LA999-000001: events[0] (correction): field "type": unknown event type "correction"'
    )


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        ({"person": {}, "events": []}, "case_ref"),
        ({"case_ref": "", "events": []}, "case_ref"),
        ({"case_ref": "X1"}, "events"),
        ({"case_ref": "X1", "events": {}}, "events"),
        ({"case_ref": "X1", "person": [], "events": []}, "person"),
    ],
)
def test_a_malformed_case_is_refused(obj: dict[str, Any], field: str) -> None:
    error = refuse(obj)
    assert (error.event_index, error.field) == (None, field)


def test_an_event_that_is_not_an_object_is_refused() -> None:
    error = refuse({"case_ref": "X1", "events": ["request_received"]})
    assert error.event_index == 0


def test_a_case_without_a_person_is_accepted() -> None:
    assert parse_case({"case_ref": "X1", "events": []}).person == {}


def test_the_message_stays_on_one_line_whatever_the_case_ref() -> None:
    error = refuse({"case_ref": "LA999\n000001", "events": [{"type": "request\nreceived"}]})
    assert str(error) == (
        'case "LA999\\n000001": events[0] ("request\\nreceived"): field "type": '
        'unknown event type "request\\nreceived"'
    )
