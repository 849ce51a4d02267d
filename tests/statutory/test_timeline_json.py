"""A timeline as JSON: the keys of docs/spec/case-events.md, ISO dates, and the keys sendtrack adds."""

from __future__ import annotations

import json

from sendtrack.statutory import timeline_json
from tests.statutory.cases import SPEC_EXAMPLE, case, d


def test_the_timeline_json_has_the_spec_keys_then_sendtracks_additions() -> None:
    result = timeline_json(case(*SPEC_EXAMPLE, case_ref="LA123-000042"), d("2026-06-01"))
    assert list(result) == ["case_ref", "as_of", "milestones", "flags"]
    assert (result["case_ref"], result["as_of"]) == ("LA123-000042", "2026-06-01")
    assert result["milestones"][0] == {
        "rule": "assessment_decision",
        "citation": "SEND Regulations 2014, reg. 5(1)",
        "start": "2026-01-05",
        "due": "2026-02-16",
        "completed": "2026-02-10",
        "status": "met",
        "days_late": 0,
        "excepted": False,
        "explanation": (
            "Due by the end of 16 February 2026: 6 weeks from the request received on 5 January 2026; "
            "done on 10 February 2026, in time."
        ),
        "basis": "statute",
        "rule_set": "send-regs-2014",
        "exceptions": [],
        "journey": "2026-01-05",
        "waiting_on": "local authority",
    }
    assert result["flags"] == [
        {
            "code": "no_social_care_advice",
            "date": "2026-02-10",
            "explanation": (
                "The local authority decided on 10 February 2026 to assess and asked for advice, "
                "but not from social care."
            ),
        }
    ]
    json.dumps(result)  # plain JSON all the way down


def test_exceptions_appear_in_json_with_iso_dates() -> None:
    obj = case(
        *SPEC_EXAMPLE,
        {
            "type": "exception",
            "reason": "exceptional_personal_circumstances",
            "start": "2026-01-10",
            "end": "2026-01-20",
        },
    )
    first = timeline_json(obj, d("2026-06-01"))["milestones"][0]
    assert first["excepted"] is True
    assert first["exceptions"] == [
        {
            "reason": "exceptional_personal_circumstances",
            "start": "2026-01-10",
            "end": "2026-01-20",
            "citation": "SEND Regulations 2014, reg. 5(4)(b)",
        }
    ]
