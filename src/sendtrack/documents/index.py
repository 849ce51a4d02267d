"""Reading the index of a folder of documents: one CSV row a file, saying what it is and its date.

    file,type,date,title,agency,shared
    NB-0001/health-advice.pdf,advice,30/03/2026,,health,no
    NB-0001/final-plan.pdf,Final plan,2026-05-18,Final EHC plan,,yes

`file` is the path inside the folder, whose first part is the case reference; `type` is a type of
document by its code or its words ("final_plan", "Final plan", "Advice from health"); `date` as
councils write dates. `title` (the type's words when empty), `agency` (for advice) and `shared`
(yes/no: the family sees it) are optional. Plain Python: every problem names the row, the column,
the value and why.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from sendtrack.interchange.tracker_sheets import parse_date
from sendtrack.statutory.labels import AGENCY_LABELS, DOCUMENT_KIND_LABELS, document_kind_label
from sendtrack.statutory.rules import ADVISERS

COLUMNS = {
    "file": ("file", "path", "file path", "filename", "file name"),
    "type": ("type", "document type", "kind"),
    "date": ("date", "document date"),
    "title": ("title", "name", "description"),
    "agency": ("agency", "advice from", "from"),
    "shared": ("shared", "shared with family", "share with family"),
}
REQUIRED = ("file", "type", "date")
YES = {"yes", "y", "true", "1", "shared"}
NO = {"", "no", "n", "false", "0", "not shared"}

MISSING_COLUMNS = "Row 1: the index has no {columns} column (it needs file, type and date)"
EMPTY_INDEX = "The index is empty: it needs a header row with file, type and date, then one row a file"
NO_FILE = "enter the file's path inside the folder, like NB-0001/final-plan.pdf"
NOT_INSIDE = "the path must lead to a file inside the folder, in the folder of its case"
NO_CASE_FOLDER = "the file must be in a folder named after its case reference, like NB-0001/letter.pdf"
TWICE = "the file is listed twice (also row {row})"
UNKNOWN_TYPE = "is not a type of document: use one of {types}"
UNKNOWN_AGENCY = "is not an agency that gives advice: use one of {agencies}"
AGENCY_FOR_ADVICE = "only advice is from an agency"
NEEDS_AGENCY = "advice must say who it is from: add the agency (education, health, social care...)"
NO_DATE = "enter the date of the document"
NOT_A_DATE = "not a date sendtrack can read (use a date like 05/01/2026 or 2026-01-05)"
FUTURE = "the date is after today"
NOT_YES_NO = "must be yes or no"


@dataclass(frozen=True, slots=True)
class IndexRow:
    row: int
    path: str
    case_ref: str
    kind: str
    agency: str
    date: date
    title: str
    shared: bool


@dataclass(slots=True)
class Index:
    """What the index says: its usable rows, the problems of the others, how many rows it has (not
    counting the header and blank lines) and every path it lists."""

    rows: list[IndexRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    count: int = 0
    listed: set[str] = field(default_factory=set)


def problem(row: int, column: str, value: object, why: str) -> str:
    """ "Row 4, date, '31/02/2026': not a date ..." """
    return f"Row {row}, {column}, '{value}': {why}"


def _words(text: str) -> str:
    return re.sub(r"[\s_\-:]+", " ", text.strip().lower())


KINDS = {_words(code): code for code in DOCUMENT_KIND_LABELS} | {
    _words(words): code for code, words in DOCUMENT_KIND_LABELS.items()
}
AGENCIES = {_words(code): code for code in ADVISERS} | {
    _words(words): code for code, words in ADVISERS.items()
}
AGENCIES |= {_words(words): code for code, words in AGENCY_LABELS.items()}


def kind_and_agency(text: str) -> tuple[str, str] | None:
    """("advice", "health") from "Advice from health", "health advice" or "advice"; None if unknown."""
    words = _words(text)
    if words in KINDS:
        return KINDS[words], ""
    for prefix in ("advice from ", "advice "):
        if words.startswith(prefix) and words.removeprefix(prefix) in AGENCIES:
            return "advice", AGENCIES[words.removeprefix(prefix)]
    if words.endswith(" advice") and words.removesuffix(" advice") in AGENCIES:
        return "advice", AGENCIES[words.removesuffix(" advice")]
    return None


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        for column, names in COLUMNS.items():
            if _words(name) in names and column not in found:
                found[column] = index
    return found


def read_index(lines: Iterable[str], *, today: date) -> Index:
    """The rows of the index that can be used and the problems of those that cannot."""
    reader = csv.reader(lines)
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        return Index(problems=[EMPTY_INDEX])
    columns = _columns([cell.lstrip("\ufeff") for cell in header])
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        return Index(problems=[MISSING_COLUMNS.format(columns=" or ".join(missing))], count=1)
    index = Index()
    seen: dict[str, int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        index.count += 1

        def cell(name: str, cells: list[str] = cells) -> str:
            index = columns.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        found = _row(number, cell, today=today, seen=seen)
        if isinstance(found, IndexRow):
            index.rows.append(found)
        else:
            index.problems.extend(found)
    index.listed = set(seen)
    return index


def _row(
    number: int, get: Callable[[str], str], *, today: date, seen: dict[str, int]
) -> IndexRow | list[str]:
    problems: list[str] = []
    raw_path = get("file")
    path = PurePosixPath(raw_path.replace("\\", "/"))
    case_ref = ""
    if not raw_path:
        problems.append(problem(number, "file", raw_path, NO_FILE))
    elif path.is_absolute() or ".." in path.parts:
        problems.append(problem(number, "file", raw_path, NOT_INSIDE))
    elif len(path.parts) < 2:
        problems.append(problem(number, "file", raw_path, NO_CASE_FOLDER))
    elif str(path) in seen:
        problems.append(problem(number, "file", raw_path, TWICE.format(row=seen[str(path)])))
    else:
        seen[str(path)] = number
        case_ref = path.parts[0]
    type_text = get("type")
    kind = kind_and_agency(type_text)
    agency_text = get("agency")
    agency = ""
    if kind is None:
        types = ", ".join(words.lower() for words in DOCUMENT_KIND_LABELS.values())
        problems.append(problem(number, "type", type_text, UNKNOWN_TYPE.format(types=types)))
    elif agency_text:
        agency = AGENCIES.get(_words(agency_text), "")
        if not agency:
            agencies = ", ".join(ADVISERS.values())
            problems.append(problem(number, "agency", agency_text, UNKNOWN_AGENCY.format(agencies=agencies)))
        elif kind[0] != "advice":
            problems.append(problem(number, "agency", agency_text, AGENCY_FOR_ADVICE))
        elif kind[1] and kind[1] != agency:
            problems.append(problem(number, "agency", agency_text, f"the type says {type_text}"))
    if kind is not None and kind[0] == "advice" and not (agency or kind[1]):
        problems.append(problem(number, "agency", agency_text, NEEDS_AGENCY))
    date_text = get("date")
    day = None
    try:
        day = parse_date(date_text)
    except ValueError:
        problems.append(problem(number, "date", date_text, NOT_A_DATE))
    else:
        if day is None:
            problems.append(problem(number, "date", date_text, NO_DATE))
        elif day > today:
            problems.append(problem(number, "date", date_text, FUTURE))
    shared_text = get("shared")
    if shared_text.lower() not in YES | NO:
        problems.append(problem(number, "shared", shared_text, NOT_YES_NO))
    if problems or kind is None or day is None:
        return problems
    title = get("title") or document_kind_label(kind[0], agency or kind[1])
    return IndexRow(
        row=number,
        path=str(path),
        case_ref=case_ref,
        kind=kind[0],
        agency=agency or kind[1],
        date=day,
        title=title[:200],
        shared=shared_text.lower() in YES,
    )
