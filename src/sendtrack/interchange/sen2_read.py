"""Reading a SEN2 return (XML) back into case files (docs/spec/case-events.md). Pure Python, no Django.

The reader streams with lxml's `iterparse` and clears each `Person` once it is read, so a national
file of 640,000 persons runs in flat memory. Each person becomes one case file: every `Requests`
element opens a journey (`request_received`), and its outcomes, plan, reviews, phase transfer and
cessation become the events the statutory engine reads, so milestones are derived as for any case.
Where the return gives a fact without its date, the choice made is in docs/sen2-choices.md
("Bringing a return in"); such events carry `"date_estimated": true`.

Anything that cannot be used is a `Problem` naming the line, element, field, value and why.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from lxml import etree

from sendtrack.interchange.sen2_fields import Fields, Header, Problem
from sendtrack.interchange.sen2_person import PersonReader
from sendtrack.statutory import CaseFileError, parse_case

__all__ = ["Header", "Problem", "Sen2Person", "Sen2Reader", "read_header"]


@dataclass(slots=True)
class Sen2Person:
    """One Person of the return as a case file, with the keys a person already held is found by."""

    line: int
    person: dict[str, Any]
    events: list[dict[str, Any]]
    requests: int = 0

    @property
    def upn(self) -> str | None:
        return self.person.get("upn")

    @property
    def uln(self) -> str | None:
        return self.person.get("uln")

    @property
    def name_key(self) -> tuple[str, str, str]:
        p = self.person
        return (
            str(p.get("given_name", "")).strip().lower(),
            str(p.get("family_name", "")).strip().lower(),
            str(p.get("date_of_birth", "")),
        )

    @property
    def ref(self) -> str:
        """The person's reference in sendtrack when the import creates them: UPN, else ULN, else a hash."""
        if self.upn:
            return self.upn
        if self.uln:
            return f"ULN{self.uln}"
        return "S2" + hashlib.sha256("|".join(self.name_key).encode()).hexdigest()[:12].upper()

    def case_file(self, la_code: str) -> dict[str, Any]:
        return {"case_ref": f"{la_code}-S2-{self.ref}", "person": self.person, "events": self.events}


def _event_day(event: dict[str, Any]) -> str:
    return str(event.get("date") or event.get("start") or "")


@dataclass
class Sen2Reader:
    """Streams a return: `persons()` yields each usable person; `problems` collects the rest."""

    source: str | IO[bytes]
    header: Header | None = None
    problems: list[Problem] = field(default_factory=list)
    persons_read: int = 0

    def persons(self) -> Iterator[Sen2Person]:
        parser = etree.iterparse(
            self.source,
            events=("end",),
            tag=("Header", "Person"),
            resolve_entities=False,
            no_network=True,
            huge_tree=True,
        )
        try:
            for _event, element in parser:
                if element.tag == "Header":
                    self.header = self._header(element)
                else:
                    self.persons_read += 1
                    found = self._person(element)
                    if found is not None:
                        yield found
                element.clear(keep_tail=False)
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as error:
            self.problems.append(
                Problem(error.lineno or 0, "file", "", "", f"not well-formed XML: {error.msg}")
            )
        if self.header is None and not self.problems:
            self.problems.append(Problem(1, "Message", "Header", "", "the file has no SEN2 Header"))

    def _header(self, element: Any) -> Header | None:
        read = Fields(self.problems)
        details = element.find("CollectionDetails")
        source = element.find("Source")
        if details is None or source is None:
            read.problem(element, "CollectionDetails", "", "the Header needs CollectionDetails and Source")
            return None
        if read.text(details, "Collection") not in ("SEN2", ""):
            read.problem(details, "Collection", read.text(details, "Collection"), "this is not a SEN2 return")
        census = read.day(details, "ReferenceDate", required=True)
        la_code = read.text(source, "LEA", required=True)
        if census is None or not la_code:
            return None
        return Header(la_code=la_code, year=census.year, census_date=census)

    def _person(self, element: Any) -> Sen2Person | None:
        if self.header is None:
            if not self.problems:
                self.problems.append(
                    Problem(element.sourceline or 0, "Person", "", "", "a Person before the Header")
                )
            return None
        before = len(self.problems)
        reader = PersonReader(self.header, self.problems)
        person = reader.person(element)
        requests = element.findall("Requests")
        if not requests:
            reader.read.problem(element, "Requests", "", "a person in the return needs at least one request")
        events: list[dict[str, Any]] = []
        for request in requests:
            events += reader.journey(request, person)
        events.sort(key=_event_day)
        found = Sen2Person(element.sourceline or 0, person, events, len(requests))
        if len(self.problems) > before:
            return None
        try:
            parse_case(found.case_file(self.header.la_code))
        except CaseFileError as error:
            self.problems.append(
                Problem(
                    found.line,
                    "Person",
                    error.field or "",
                    "",
                    f"the statutory engine refuses it: {error.problem}",
                )
            )
            return None
        return found


def read_header(source: str | IO[bytes]) -> Header | None:
    """The return's header alone (its census date and area), reading no further than it."""
    reader = Sen2Reader(source)
    try:
        for _event, element in etree.iterparse(
            source, events=("end",), tag="Header", resolve_entities=False, no_network=True
        ):
            return reader._header(element)
    except etree.XMLSyntaxError:
        return None
    return None
