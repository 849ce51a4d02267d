"""The pieces of a SEN2 return's reading: problems, the header, and reading one element's fields.

Pure Python, no Django; `sen2_read.py` streams the file and `sen2_person.py` turns a Person into events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sendtrack.interchange.sen2_codes import UPN_UNKNOWN_CHOICES

SOURCES = {"1": "parent", "2": "school", "3": "health", "4": "social_care", "5": "other"}
REVIEW_OUTCOMES = {"M": "maintain", "A": "amend", "C": "cease"}
REQUEST_OUTCOMES = ("Y", "N", "A", "W", "H")
ASSESSMENT_OUTCOMES = ("Y", "N", "A", "W", "H")
UPN = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$")
ULN = re.compile(r"^\d{10}$")
UPN_UNKNOWN = tuple(code for code, _words in UPN_UNKNOWN_CHOICES)
FLAG = ("0", "1")


@dataclass(frozen=True, slots=True)
class Problem:
    """Why part of the file cannot be used, and where."""

    line: int
    element: str
    field: str
    value: str
    why: str

    def __str__(self) -> str:
        where = f"line {self.line}, {self.element}" + (f" {self.field}" if self.field else "")
        return f"{where}: {self.why}" + (f" (value: {self.value})" if self.value else "")


@dataclass(frozen=True, slots=True)
class Header:
    la_code: str
    year: int
    census_date: date

    @property
    def period_start(self) -> date:
        return date(self.census_date.year - 1, 1, 1)


class Fields:
    """The fields of one element, collecting a problem for each that cannot be used."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        # Each element's children's texts, read once (an element is kept while its person is read).
        self.texts: dict[int, tuple[Any, dict[str, str]]] = {}

    def _texts(self, element: Any) -> dict[str, str]:
        found = self.texts.get(id(element))
        if found is None or found[0] is not element:
            texts: dict[str, str] = {}
            for child in element:
                if isinstance(child.tag, str):
                    texts.setdefault(child.tag, (child.text or "").strip())
            found = self.texts[id(element)] = (element, texts)
        return found[1]

    def problem(self, element: Any, name: str, value: str, why: str) -> None:
        child = element.find(name) if name and name.isidentifier() else None
        line = (child if child is not None else element).sourceline or 0
        self.problems.append(Problem(line, element.tag, name, value, why))

    def text(self, element: Any, name: str, *, required: bool = False) -> str:
        value = self._texts(element).get(name, "")
        if required and not value:
            self.problem(element, name, "", f"{name} is missing")
        return value

    def day(self, element: Any, name: str, *, required: bool = False) -> date | None:
        value = self.text(element, name, required=required)
        if not value:
            return None
        try:
            return date.fromisoformat(value) if len(value) == 10 else _bad_date(value)
        except ValueError:
            self.problem(element, name, value, "not a date in the form YYYY-MM-DD")
            return None

    def code(
        self, element: Any, name: str, allowed: tuple[str, ...] | dict, *, required: bool = False
    ) -> str:
        value = self.text(element, name, required=required)
        if value and value not in allowed:
            shown = ", ".join(allowed) if len(allowed) <= 13 else "the SEN2 code list"
            self.problem(element, name, value, f"not one of {shown}")
            return ""
        return value

    def not_before(
        self, element: Any, name: str, later: date | None, earlier: date | None, what: str
    ) -> bool:
        if later is not None and earlier is not None and later < earlier:
            self.problem(element, name, later.isoformat(), f"it is before {what} ({earlier.isoformat()})")
            return False
        return True


def _bad_date(value: str) -> date:
    raise ValueError(value)


def iso(day: date) -> str:
    return day.isoformat()


def setting_code(read: Fields, detail: Any) -> str | None:
    for name in ("URN", "UKPRN", "SENsetting"):
        value = read.text(detail, name)
        if value:
            if name == "URN" and not (value.isdigit() and len(value) == 6):
                read.problem(detail, name, value, "a URN is 6 digits")
                return None
            if name == "UKPRN" and not (value.isdigit() and len(value) == 8):
                read.problem(detail, name, value, "a UKPRN is 8 digits")
                return None
            return value
    return None


def ranked(read: Fields, parent: Any, tag: str, rank_tag: str) -> list[Any]:
    found = []
    for child in parent.findall(tag):
        rank = read.text(child, rank_tag)
        if rank and not rank.isdigit():
            read.problem(child, rank_tag, rank, "a rank is a whole number")
            rank = "99"
        found.append((int(rank or 99), child))
    return [child for _rank, child in sorted(found, key=lambda pair: pair[0])]
