"""Case files as JSON Lines (docs/spec/case-events.md §1): reading lines, writing cases, hashing content.

Pure Python: the casework app turns database rows into the plain dicts these functions take.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

# Person fields the case file names; any other key is kept as an extra.
PERSON_FIELDS = (
    "ref",
    "given_name",
    "family_name",
    "date_of_birth",
    "upn",
    "uln",
    "sex",
    "postcode",
    "primary_need",
    "secondary_needs",
    "setting",
    "ethnicity",
    "upn_unknown",
    "personal_budget",
    "residential",
    "sen_unit",
    "resourced_provision",
)
# Person fields that are yes or no.
PERSON_FLAGS = ("personal_budget", "sen_unit", "resourced_provision")
CASE_FIELDS = ("case_ref", "person", "events")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a JSON Lines file: its number (from 1), and the object or why it is not one."""

    number: int
    obj: dict[str, Any] | None
    problem: str | None = None


def read_lines(lines: Iterable[str | bytes | dict[str, Any]]) -> Iterator[Line]:
    """Parse each non-blank line as a JSON object; a line that is not one carries its problem.

    A line given as a dict is taken as already parsed (a generator's case, not read from a file).
    """
    for number, text in enumerate(lines, start=1):
        if isinstance(text, dict):
            yield Line(number, text)
            continue
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as error:
            yield Line(number, None, f"not valid JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(obj, dict):
            yield Line(number, None, "a case must be a JSON object")
            continue
        yield Line(number, obj)


def content_hash(obj: dict[str, Any]) -> str:
    """A hash of a case object that ignores key order, so an unchanged case is recognised."""
    return hashlib.sha256(_canonical(obj).encode("utf-8")).hexdigest()


def hashed_with_event_texts(obj: dict[str, Any]) -> tuple[str, list[str] | None]:
    """`content_hash(obj)`, and each event's JSON text written on the way (None when `events` is not
    a list), so that the events need not be written again to be stored."""
    events = obj.get("events")
    if not isinstance(events, list) or not all(isinstance(key, str) for key in obj):
        return content_hash(obj), None
    texts = [_canonical(event) for event in events]
    listed = "[" + ",".join(texts) + "]"
    canonical = (
        "{"
        + ",".join(
            f"{_canonical(key)}:{listed if key == 'events' else _canonical(obj[key])}" for key in sorted(obj)
        )
        + "}"
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest(), texts


# One encoder for every canonical text: `json.dumps` with options builds a new one each call, which
# costs more than encoding an event.
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
_canonical = _CANONICAL.encode


def dump_case(obj: dict[str, Any]) -> str:
    """One case as one line of JSON (no trailing newline)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def write_cases(cases: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for obj in cases:
        out.write(dump_case(obj))
        out.write("\n")
        count += 1
    return count


def split_person(person: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The named fields of a person, and the extras to keep as they are."""
    named = {k: v for k, v in person.items() if k in PERSON_FIELDS}
    extra = {k: v for k, v in person.items() if k not in PERSON_FIELDS}
    return named, extra


def split_case(obj: dict[str, Any]) -> dict[str, Any]:
    """Top-level fields of a case object other than case_ref, person and events."""
    return {k: v for k, v in obj.items() if k not in CASE_FIELDS}
