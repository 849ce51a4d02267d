"""The timeline as JSON: the keys of docs/spec/case-events.md §2, plus the optional keys sendtrack adds."""

from __future__ import annotations

from datetime import date
from typing import Any

from sendtrack.statutory.engine import Milestone, Timeline, derive
from sendtrack.statutory.events import parse_case
from sendtrack.statutory.flags import Flag


def milestone_json(milestone: Milestone) -> dict[str, Any]:
    completed = milestone.completed
    return {
        "rule": milestone.rule,
        "citation": milestone.citation,
        "start": milestone.start.isoformat(),
        "due": milestone.due.isoformat(),
        "completed": completed.isoformat() if completed is not None else None,
        "status": milestone.status,
        "days_late": milestone.days_late,
        "excepted": milestone.excepted,
        "explanation": milestone.explanation,
        "basis": milestone.basis,
        "rule_set": milestone.rule_set,
        "exceptions": [
            {
                "reason": found["reason"],
                "start": found["start"].isoformat(),
                "end": found["end"].isoformat(),
                "citation": found["citation"],
            }
            for found in milestone.exceptions
        ],
        "journey": milestone.journey,
        "waiting_on": milestone.waiting_on,
    }


def flag_json(flag: Flag) -> dict[str, Any]:
    return {"code": flag.code, "date": flag.date.isoformat(), "explanation": flag.explanation}


def timeline_to_json(timeline: Timeline) -> dict[str, Any]:
    return {
        "case_ref": timeline.case_ref,
        "as_of": timeline.as_of.isoformat(),
        "milestones": [milestone_json(m) for m in timeline.milestones],
        "flags": [flag_json(f) for f in timeline.flags],
    }


def timeline_json(case_obj: dict[str, Any], as_of: date) -> dict[str, Any]:
    """Parse, validate and derive one case; raise `CaseFileError` if it breaks the contract."""
    return timeline_to_json(derive(parse_case(case_obj), as_of))
