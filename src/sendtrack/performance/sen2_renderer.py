"""The SEN2 return of one local area: built from the case records, streamed, and checked."""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from itertools import groupby
from typing import TextIO

from django.db.models import Exists, OuterRef
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.casework.case_file_selectors import person_dict
from sendtrack.casework.models import Case, CaseEvent
from sendtrack.interchange.sen2 import Collection, person_record, write_message
from sendtrack.performance.sen2_rules import ERROR, Issue, check_person

CHUNK = 2000


def census_date_for(year: int) -> date:
    """The SEN2 census day: the third Thursday of January (a convention; 2021 used the second)."""
    first = date(year, 1, 1)
    offset = (calendar.THURSDAY - first.weekday()) % 7
    return date(year, 1, 1 + offset + 14)


def next_census_date(today: date) -> date:
    """The census of the return being prepared: this January's until the end of March, then next."""
    return census_date_for(today.year if today.month <= 3 else today.year + 1)


def make_collection(area: LocalArea, census_date: date, **header: str) -> Collection:
    try:
        release = version("sendtrack")
    except PackageNotFoundError:
        release = "development"
    return Collection(
        census_date=census_date,
        la_code=area.code,
        software_release=release,
        created=timezone.localtime(),
        **header,
    )


@dataclass(frozen=True)
class PersonCases:
    person: dict
    case_files: list[dict]
    case_refs: list[str]


def people_of(area: LocalArea) -> Iterator[PersonCases]:
    """Each person of the area with their case files, reading cases and events in chunks."""
    cases = Case.objects.filter(local_area=area).select_related("person").order_by("person_id", "pk")
    corrected = CaseEvent.objects.filter(supersedes=OuterRef("pk"))
    chunk: list[Case] = []

    def flush(batch: list[Case]) -> Iterator[PersonCases]:
        events: dict[int, list[dict]] = {case.pk: [] for case in batch}
        rows = (
            CaseEvent.objects.filter(case_id__in=list(events))
            .exclude(type=CaseEvent.REMOVED)
            .filter(~Exists(corrected))
            .order_by("case_id", "position", "pk")
            .values_list("case_id", "data")
        )
        for case_id, data in rows:
            events[case_id].append(data)
        for _person_id, group in groupby(batch, key=lambda case: case.person_id):
            group_cases = list(group)
            person = person_dict(group_cases[0].person)
            files = [{"case_ref": c.case_ref, "person": person, "events": events[c.pk]} for c in group_cases]
            yield PersonCases(person, files, [c.case_ref for c in group_cases])

    for case in cases.iterator(chunk_size=CHUNK):
        if len(chunk) >= CHUNK and chunk[-1].person_id != case.person_id:
            yield from flush(chunk)
            chunk = []
        chunk.append(case)
    if chunk:
        yield from flush(chunk)


@dataclass(frozen=True)
class CaseIssue:
    case_ref: str
    issue: Issue


@dataclass
class ReturnReport:
    """What building a return found: how many persons, and every issue with its case."""

    persons: int = 0
    issues: list[CaseIssue] = field(default_factory=list)

    @property
    def errors(self) -> list[CaseIssue]:
        return [item for item in self.issues if item.issue.rule.severity == ERROR]

    @property
    def queries(self) -> list[CaseIssue]:
        return [item for item in self.issues if item.issue.rule.severity != ERROR]

    def queries_by_rule(self) -> dict[str, int]:
        return dict(sorted(Counter(item.issue.rule.code for item in self.queries).items()))


def _sorted(found: list[CaseIssue]) -> list[CaseIssue]:
    return sorted(found, key=lambda ci: (ci.issue.rule.severity != ERROR, ci.issue.rule.code, ci.case_ref))


def write_return(
    *, area: LocalArea, census_date: date, out: TextIO, draft: bool = False, **header: str
) -> ReturnReport:
    """Write the area's SEN2 return to `out`, checking each person on the way (one pass)."""
    collection = make_collection(area, census_date, **header)
    report = ReturnReport()

    def records() -> Iterator[dict]:
        for item in people_of(area):
            record = person_record(item.person, item.case_files, collection)
            if record is None:
                continue
            report.issues.extend(
                CaseIssue(item.case_refs[0], issue) for issue in check_person(record, collection)
            )
            yield record

    comment = "DRAFT: not for submission to the DfE; it has errors to fix" if draft else None
    report.persons = write_message(out, collection, records(), comment=comment)
    report.issues = _sorted(report.issues)
    return report


def sen2_issues(
    *, area: LocalArea, census_date: date, progress: Callable[[int], None] | None = None
) -> list[CaseIssue]:
    """Every validation problem in the area's return, with the case to fix it in; `progress` is told
    how many persons were read, every `CHUNK`, and at the end."""
    collection = make_collection(area, census_date)
    found: list[CaseIssue] = []
    read = 0
    for read, item in enumerate(people_of(area), start=1):
        if progress is not None and read % CHUNK == 0:
            progress(read)
        record = person_record(item.person, item.case_files, collection)
        if record is None:
            continue
        for issue in check_person(record, collection):
            found.append(CaseIssue(item.case_refs[0], issue))
    if progress is not None:
        progress(read)
    return _sorted(found)
