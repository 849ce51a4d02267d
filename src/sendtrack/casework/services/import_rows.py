"""A case import's work on each line before anything is stored: the checks, then the engine's rows.

Plain functions of a line and the area's organisation ids, so a large first load can run them in
worker processes (`shaped_ahead`) while the import's own process writes what they return.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import islice
from operator import itemgetter
from typing import Any

from django.db.models import CharField

from sendtrack.casework import import_workers
from sendtrack.casework.models import CaseEvent, IntegrityFlag, Milestone, Person
from sendtrack.casework.services.bulk import JSONB, BinaryRows, binary_json
from sendtrack.casework.services.events import SETTING_EVENT_TYPES, panel_incomplete
from sendtrack.casework.services.milestones import derive_rows
from sendtrack.interchange.case_files import (
    PERSON_FIELDS,
    PERSON_FLAGS,
    Line,
    hashed_with_event_texts,
    split_case,
    split_person,
)
from sendtrack.statutory import CaseFile, CaseFileError, parse_case

# The case file's text fields, each no longer than its column.
PERSON_TEXT_FIELDS = {
    column.name: column.max_length
    for column in map(Person._meta.get_field, PERSON_FIELDS)
    if isinstance(column, CharField) and column.max_length
}
SETTING_URN_LENGTH: int = Person._meta.get_field("setting_urn").max_length or 0
MILESTONE_COLUMNS = [
    f.attname for f in Milestone._meta.concrete_fields if f.attname not in ("id", "case_id", "local_area_id")
]
milestone_values = itemgetter(*MILESTONE_COLUMNS)
_EXCEPTIONS_AT = MILESTONE_COLUMNS.index("exceptions")
# A shaped case's rows: the columns `shape` gives for each, after those the writer gives.
EVENT_VALUES = ["type", "date", "data", "position", "organisation_id", "panel_incomplete"]
FLAG_VALUES = ["code", "date", "explanation"]
EVENT_HEAD = ["case_id", "recorded_by_id", "recorded_at"]
CASE_ROW_HEAD = ["case_id", "local_area_id"]


@cache
def encoded_rows() -> tuple[BinaryRows, BinaryRows, BinaryRows]:
    """How a worker encodes a case's events, milestones and flags for COPY (`shape(encode=True)`),
    each row's head (the case id, and who recorded an event and when) left to the writer."""
    return (
        BinaryRows(CaseEvent, EVENT_HEAD, EVENT_VALUES),
        BinaryRows(Milestone, CASE_ROW_HEAD, MILESTONE_COLUMNS),
        BinaryRows(IntegrityFlag, CASE_ROW_HEAD, FLAG_VALUES),
    )


@dataclass(frozen=True)
class CasesMadeInChunks:
    """Case files that an import's worker process can make for itself.

    `make(start, end)` returns the case files (dicts) of cases `start` to `end - 1`, each the
    same whoever makes it, and is picklable (a module's function, or a `partial` of one). With
    workers, each makes the chunk it checks, so the cases never travel between processes (a
    child's dict pickled and read twice on the way, about 0.06 ms of CPU a child); iterated, the
    chunks are made here in turn. The lines are numbered from 1 in that order.
    """

    make: Callable[[int, int], list[dict[str, Any]]]
    count: int
    chunk: int = 500

    def chunks(self) -> Iterator[tuple[int, int]]:
        for start in range(0, self.count, self.chunk):
            yield start, min(start + self.chunk, self.count)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for start, end in self.chunks():
            yield from self.make(start, end)


@dataclass(slots=True)
class Checked:
    """A line that passed the checks."""

    line: int
    case_ref: str
    obj: dict[str, Any]
    case_file: CaseFile
    digest: str
    person: dict[str, Any]
    # Each event's JSON text, written for the digest and stored as it is (`hashed_with_event_texts`).
    event_texts: list[str] | None = None


@dataclass(slots=True)
class Shaped:
    """What the import stores for a checked line: the person, the case's columns and its rows.

    Events are (type, date, data, position, organisation id, panel incomplete); milestones are
    `MILESTONE_COLUMNS` in order; flags (code, date, explanation). The case id and who recorded
    them are added by the writer. Shaped with `encode` (in a worker), each row is instead its
    encoded tail in COPY's binary format (`encoded_rows`): a few bytes objects to send back rather
    than a tuple of dates and strings a row.
    """

    line: int
    case_ref: str
    digest: str
    person: dict[str, Any]
    extra: dict[str, Any]
    columns: dict[str, Any]
    events: list[tuple[Any, ...]] | list[bytes]
    milestones: list[tuple[Any, ...]] | list[bytes]
    flags: list[tuple[Any, ...]] | list[bytes]


def check_person(person: dict[str, Any]) -> dict[str, Any]:
    """The person's named fields as model values; raise ValueError naming a bad field."""
    named, extra = split_person(person)
    values: dict[str, Any] = {name: None for name in PERSON_TEXT_FIELDS}
    values.update(date_of_birth=None, secondary_needs=None, setting_urn=None, extra=extra)
    for name in PERSON_FLAGS:
        value = named.get(name)
        if value is not None and not isinstance(value, bool):
            raise ValueError(f'person field "{name}" must be true or false')
        values[name] = value
    for name, limit in PERSON_TEXT_FIELDS.items():
        value = named.get(name)
        if value is None:
            continue
        if not isinstance(value, str) or len(value) > limit:
            raise ValueError(f'person field "{name}" must be text of at most {limit} characters')
        values[name] = value
    if named.get("date_of_birth") is not None:
        try:
            values["date_of_birth"] = date.fromisoformat(str(named["date_of_birth"]))
        except ValueError:
            raise ValueError('person field "date_of_birth" is not a date in the form YYYY-MM-DD') from None
    needs = named.get("secondary_needs")
    if needs is not None:
        if not isinstance(needs, list) or not all(isinstance(n, str) for n in needs):
            raise ValueError('person field "secondary_needs" must be a list of need codes')
        values["secondary_needs"] = needs
    setting = named.get("setting")
    if setting is not None:
        if (
            isinstance(setting, bool)
            or not isinstance(setting, str)
            or not setting.strip()
            or len(setting) > SETTING_URN_LENGTH
        ):
            raise ValueError('person field "setting" must be a URN or UKPRN written as text')
        values["setting_urn"] = setting
    return values


def check_line(line: Line) -> Checked | str:
    """The line checked, or its problem."""
    if line.obj is None:
        return str(line.problem)
    try:
        case_file = parse_case(line.obj)
        person = check_person(case_file.person)
    except (CaseFileError, ValueError) as error:
        return str(error)
    digest, event_texts = hashed_with_event_texts(line.obj)
    return Checked(line.number, case_file.case_ref, line.obj, case_file, digest, person, event_texts)


def organisation_id(
    event: dict[str, Any], by_urn: Mapping[str, int], by_name: Mapping[str, int]
) -> int | None:
    """The organisation an event names: a setting by URN, an adviser by URN or name."""
    kind = event.get("type")
    if kind in SETTING_EVENT_TYPES and event.get("setting") is not None:
        return by_urn.get(str(event["setting"]).strip())
    if kind in ("advice_requested", "advice_received") and event.get("to"):
        to = str(event["to"])
        return by_urn.get(to) or by_name.get(to.lower())
    return None


def shape(
    item: Checked, as_of: date, by_urn: Mapping[str, int], by_name: Mapping[str, int], encode: bool = False
) -> Shaped:
    """Run the engine on a checked case and shape what is stored. With `encode`, each row comes
    encoded for COPY (`encoded_rows`), its JSON in jsonb's binary form (`bulk.binary_json`)."""
    data = item.obj["events"]
    organisations = [organisation_id(event, by_urn, by_name) for event in data]
    derived = derive_rows(item.case_file, as_of, organisations.__getitem__)
    dates = {event.index: event.date for event in item.case_file.events}
    stored: list[Any] = data
    if encode:
        texts = item.event_texts
        stored = (
            [binary_json(event) for event in data]
            if texts is None
            else [JSONB + text.encode() for text in texts]
        )
    events: list[Any] = [
        (
            event["type"],
            dates.get(index),
            stored[index],
            index,
            organisations[index],
            panel_incomplete(event),
        )
        for index, event in enumerate(data)
    ]
    milestones: list[Any] = [milestone_values(row) for row in derived.milestones]
    if encode:
        at = _EXCEPTIONS_AT
        milestones = [(*row[:at], binary_json(row[at]), *row[at + 1 :]) for row in milestones]
    flags: list[Any] = [(row["code"], row["date"], row["explanation"]) for row in derived.flags]
    if encode:
        event_rows, milestone_rows, flag_rows = encoded_rows()
        events = [event_rows.tail(row) for row in events]
        milestones = [milestone_rows.tail(row) for row in milestones]
        flags = [flag_rows.tail(row) for row in flags]
    return Shaped(
        item.line,
        item.case_ref,
        item.digest,
        item.person,
        split_case(item.obj),
        derived.columns,
        events,
        milestones,
        flags,
    )


def shaped_ahead(
    lines: Iterable[Line] | CasesMadeInChunks,
    *,
    as_of: date,
    by_urn: Mapping[str, int],
    by_name: Mapping[str, int],
    workers: int,
    chunk: int = 500,
) -> Iterator[Shaped | tuple[int, str]]:
    """`check_line` then `shape(encode=True)` for each line, in `workers` spawned processes, in the
    lines' order: a Shaped case, or (line number, problem). Cases made in chunks are made by the
    worker that checks them.

    Each worker's Django is set up from the environment (DJANGO_SETTINGS_MODULE); they read no
    database. Up to two chunks a worker are in flight, so memory holds only those.
    """
    task = (as_of, dict(by_urn), dict(by_name))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=import_workers.start) as pool:
        pending: deque[Future[list[Shaped | tuple[int, str]]]] = deque()
        jobs = _worker_jobs(lines, task, chunk)

        def submit() -> None:
            job = next(jobs, None)
            if job is not None:
                pending.append(pool.submit(*job))

        try:
            for _ in range(2 * workers):
                submit()
            while pending:
                done = pending.popleft().result()
                submit()
                yield from done
        finally:
            for future in pending:
                future.cancel()


def _worker_jobs(
    lines: Iterable[Line] | CasesMadeInChunks, task: tuple[date, dict[str, int], dict[str, int]], chunk: int
) -> Iterator[tuple[Any, ...]]:
    """Each chunk's job for a worker, as (function, arguments...): the bounds of cases it makes
    itself, or the lines themselves."""
    if isinstance(lines, CasesMadeInChunks):
        for start, end in lines.chunks():
            yield import_workers.shape_made_chunk, task, lines.make, start, end
        return
    source = iter(lines)
    while part := [(line.number, line.obj, line.problem) for line in islice(source, chunk)]:
        yield import_workers.shape_chunk, task, part


def shape_chunk(
    task: tuple[date, dict[str, int], dict[str, int]],
    part: Sequence[tuple[int, dict[str, Any] | None, str | None]],
) -> list[Shaped | tuple[int, str]]:
    as_of, by_urn, by_name = task
    out: list[Shaped | tuple[int, str]] = []
    for number, obj, problem in part:
        checked = check_line(Line(number, obj, problem))
        out.append(
            (number, checked) if isinstance(checked, str) else shape(checked, as_of, by_urn, by_name, True)
        )
    return out


def shape_made_chunk(
    task: tuple[date, dict[str, int], dict[str, int]],
    make: Callable[[int, int], list[dict[str, Any]]],
    start: int,
    end: int,
) -> list[Shaped | tuple[int, str]]:
    part = [(number, obj, None) for number, obj in enumerate(make(start, end), start=start + 1)]
    return shape_chunk(task, part)
