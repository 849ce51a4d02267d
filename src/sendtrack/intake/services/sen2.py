"""Bringing in a council's SEN2 return: each person into the case-events contract, all or nothing.

The XML is read by `interchange/sen2_read.py` (streaming, no Django). A child not yet in sendtrack
becomes a new case through the one case import (`import_cases`), streamed as JSON Lines. A child
already held (same UPN, else ULN, else name and date of birth) is never created again: the events
of the return that their records lack are added to their latest case, in the same transaction.
Importing the same file again changes nothing. Any problem in the file (line, element, field,
value, why) and nothing is written.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from django.utils import timezone

from sendtrack.accounts.models import LocalArea, User
from sendtrack.casework.case_file_selectors import case_file_dict
from sendtrack.casework.models import Case, CaseEvent, Person
from sendtrack.casework.services.events import panel_incomplete, resolve_organisation
from sendtrack.casework.services.imports import import_cases
from sendtrack.casework.services.milestones import refresh_milestones
from sendtrack.core.audit import audit, audited
from sendtrack.core.models import AuditVerb
from sendtrack.interchange.case_files import PERSON_FIELDS
from sendtrack.interchange.import_counts import StageCounts
from sendtrack.interchange.import_report import ImportReport
from sendtrack.interchange.sen2_read import Header, Problem, Sen2Person, Sen2Reader
from sendtrack.statutory import CaseFileError, parse_case

CHUNK = 500
LINE = re.compile(r"^line (\d+): (.*)$", re.DOTALL)
# Person fields a return may fill in on a child already held, when sendtrack has none.
FILLABLE = tuple(name for name in PERSON_FIELDS if name not in ("ref", "setting"))


@dataclass
class Sen2Result:
    """The one import report, with what the reconciliation needs from the file itself."""

    report: ImportReport
    header: Header | None = None
    source: StageCounts = field(default_factory=StageCounts)
    persons: int = 0
    matched: int = 0
    new_children: int = 0
    events_added: int = 0

    @property
    def ok(self) -> bool:
        return self.report.ok


class _Known:
    """The area's people, found by UPN, else ULN, else name and date of birth."""

    def __init__(self, area: LocalArea) -> None:
        self.by_upn: dict[str, int] = {}
        self.by_uln: dict[str, int] = {}
        self.by_name: dict[tuple[str, str, str], int] = {}
        rows = Person.objects.filter(local_area=area).values_list(
            "pk", "upn", "uln", "given_name", "family_name", "date_of_birth"
        )
        for pk, upn, uln, given, family, born in rows.iterator(chunk_size=5000):
            if upn:
                self.by_upn.setdefault(upn.upper(), pk)
            if uln:
                self.by_uln.setdefault(uln, pk)
            if born is not None:
                key = ((given or "").strip().lower(), (family or "").strip().lower(), born.isoformat())
                self.by_name.setdefault(key, pk)

    def find(self, found: Sen2Person) -> int | None:
        if found.upn and found.upn in self.by_upn:
            return self.by_upn[found.upn]
        if found.uln and found.uln in self.by_uln:
            return self.by_uln[found.uln]
        return self.by_name.get(found.name_key)


def _event_key(event: dict[str, Any]) -> tuple[str, str, str]:
    """What makes an event of the return the same fact as one already held: its type, day and reason."""
    return (
        str(event.get("type")),
        str(event.get("date") or event.get("start") or ""),
        str(event.get("reason", "")),
    )


class _Import:
    def __init__(
        self, area: LocalArea, by: User | None, dry_run: bool, as_of: date, reader: Sen2Reader
    ) -> None:
        self.area, self.by, self.dry_run, self.as_of, self.reader = area, by, dry_run, as_of, reader
        self.result = Sen2Result(ImportReport(unit="persons", into=area.name, dry_run=dry_run))
        self.known = _Known(area)
        self.matched: list[tuple[int, Sen2Person]] = []
        self.lines: list[int] = []  # XML line of each case handed to the case import
        self.seen: dict[tuple[str, str], int] = {}
        self.changed: list[int] = []

    def _duplicate(self, found: Sen2Person) -> bool:
        keys = (
            [("UPN", found.upn), ("UniqueLearnerNumber", found.uln)]
            if found.upn or found.uln
            else [("Forename", "|".join(found.name_key))]
        )
        for name, value in keys:
            if value is None:
                continue
            first = self.seen.setdefault((name, value), found.line)
            if first != found.line:
                self.reader.problems.append(
                    Problem(
                        found.line,
                        "Person",
                        name,
                        value.split("|")[0],
                        f"the same child as the person on line {first}",
                    )
                )
                return True
        return False

    def case_lines(self) -> Iterator[str]:
        """New children's case files as JSON Lines; children already held are kept for `add_events`."""
        code = self.area.code
        for found in self.reader.persons():
            self.result.persons += 1
            self.result.source.add_events(found.events)
            if self._duplicate(found):
                continue
            person_id = self.known.find(found)
            if person_id is not None:
                self.result.matched += 1
                self.matched.append((person_id, found))
                continue
            self.result.new_children += 1
            self.lines.append(found.line)
            yield json.dumps(found.case_file(code))
        self.result.header = self.reader.header

    def add_events(self, report: ImportReport) -> bool:
        """Inside the case import's transaction: refuse on any problem, else add the new events."""
        if self.reader.problems:
            report.errors.extend(str(problem) for problem in self.reader.problems)
            return False
        changed: list[int] = []
        for start in range(0, len(self.matched), CHUNK):
            chunk = self.matched[start : start + CHUNK]
            persons, cases, held = self._held([person_id for person_id, _found in chunk])
            for person_id, found in chunk:
                if self._add_to_person(persons[person_id], cases[person_id], held[person_id], found):
                    changed.append(person_id)
                if report.errors:
                    return False
        self.changed = changed
        if changed and not self.dry_run:
            audit(
                actor=self.by,
                verb=AuditVerb.CASE_IMPORTED,
                local_area=self.area,
                detail={
                    "source": "SEN2",
                    "persons_changed": changed,
                    "events_added": self.result.events_added,
                },
            )
        return bool(changed)

    def _held(
        self, person_ids: list[int]
    ) -> tuple[dict[int, Person], dict[int, list[Case]], dict[int, set[tuple[str, str, str]]]]:
        """For a chunk of children already held: each one, their cases, and the events they hold."""
        persons = Person.objects.in_bulk(person_ids)
        cases: dict[int, list[Case]] = defaultdict(list)
        for case in Case.objects.filter(local_area=self.area, person_id__in=person_ids).order_by("pk"):
            cases[case.person_id].append(case)
        owner = {case.pk: person_id for person_id, held in cases.items() for case in held}
        events = (
            CaseEvent.objects.filter(case_id__in=list(owner), corrections__isnull=True)
            .exclude(type=CaseEvent.REMOVED)
            .values_list("case_id", "data")
        )
        held: dict[int, set[tuple[str, str, str]]] = defaultdict(set)
        for case_id, data in events.iterator(chunk_size=CHUNK * 5):
            held[owner[case_id]].add(_event_key(data))
        return persons, cases, held

    def _add_to_person(
        self, person: Person, cases: list[Case], held: set[tuple[str, str, str]], found: Sen2Person
    ) -> bool:
        report = self.result.report
        person_id = person.pk
        new = [event for event in found.events if _event_key(event) not in held]
        blanks = {
            name: found.person[name]
            for name in FILLABLE
            if found.person.get(name) not in (None, "", []) and getattr(person, name) in (None, "", [])
        }
        if not new and not blanks:
            return False
        case = cases[-1] if cases else None
        if new:
            obj = (
                case_file_dict(case) if case is not None else found.case_file(self.area.code) | {"events": []}
            )
            obj["events"] = [*obj["events"], *new]
            try:
                parse_case(obj)
            except CaseFileError as error:
                report.errors.append(
                    f"line {found.line}, Person {error.field or ''}: added to the child already held "
                    f"({obj['case_ref']}), the statutory engine refuses it: {error.problem}"
                )
                return False
        self.result.events_added += len(new)
        if self.dry_run:
            return True
        if blanks:
            values = dict(blanks)
            if "date_of_birth" in values:
                values["date_of_birth"] = date.fromisoformat(values["date_of_birth"])
            Person.objects.filter(pk=person_id).update(**values)
        if new:
            if case is None:
                case = Case.objects.create(
                    local_area=self.area, person=person, case_ref=found.case_file(self.area.code)["case_ref"]
                )
            self._store(case, new)
        return True

    def _store(self, case: Case, new: list[dict[str, Any]]) -> None:
        top = max((e.position for e in CaseEvent.objects.filter(case=case).only("position")), default=0)
        now = timezone.now()
        rows = []
        for offset, event in enumerate(new, start=1):
            day = event.get("date")
            rows.append(
                CaseEvent(
                    case=case,
                    type=event["type"],
                    date=date.fromisoformat(day) if day else None,
                    data=event,
                    position=top + offset,
                    organisation=resolve_organisation(case, event),
                    panel_incomplete=panel_incomplete(event),
                    recorded_by=self.by,
                    recorded_at=now,
                    reason="Recorded in the SEN2 return",
                )
            )
        CaseEvent.objects.bulk_create(rows)
        Case.objects.filter(pk=case.pk).update(updated_at=now)
        refresh_milestones(case=case, as_of=self.as_of)

    def xml_line_errors(self, errors: list[Any]) -> list[str]:
        """The case import numbers its own lines: name the return's line instead."""
        out = []
        for error in errors:
            match = LINE.match(str(error))
            if match and 0 < int(match.group(1)) <= len(self.lines) and not str(error).startswith("line 0"):
                out.append(f"line {self.lines[int(match.group(1)) - 1]}, Person: {match.group(2)}")
            else:
                out.append(str(error))
        return out


@audited(AuditVerb.CASE_IMPORTED)
def import_sen2(
    source: str | IO[bytes],
    *,
    area: LocalArea,
    by: User | None = None,
    dry_run: bool = True,
    as_of: date | None = None,
) -> Sen2Result:
    """Read a SEN2 return and bring its persons, requests, plans and reviews in (docs/sen2-choices.md)."""
    as_of = as_of or timezone.localdate()
    reader = Sen2Reader(source)
    run = _Import(area, by, dry_run, as_of, reader)
    cases = import_cases(
        run.case_lines(), area=area, by=by, dry_run=dry_run, as_of=as_of, also_write=run.add_events
    )
    report = run.result.report
    mine = {str(problem) for problem in reader.problems}
    errors = run.xml_line_errors([e for e in cases.errors if str(e) not in mine])
    report.errors = [str(problem) for problem in reader.problems] + [
        e for e in errors if e not in report.errors
    ]
    report.rows = run.result.persons
    if report.errors:
        return run.result
    report.written = cases.written
    report.created = cases.created
    report.updated = len(run.changed)
    report.unchanged = cases.unchanged + run.result.matched - report.updated
    report.also = {
        "children matched": run.result.matched,
        "events added to them": run.result.events_added,
        "milestones": cases.also.get("milestones", 0),
    }
    return run.result
