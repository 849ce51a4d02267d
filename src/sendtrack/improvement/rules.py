"""The improvement plan's business rules as plain functions, with no Django.

What the spreadsheet contract (docs/spec/improvement-plan.md) says about column names, status
words, dates and the counted progress summary lives here, so it can be tested on its own.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

# docs/spec/improvement-plan.md §1: field -> accepted column names (matched by `normalise_column`).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "ref": ("Ref", "Reference", "Action ref", "ID", "No"),
    "finding": (
        "Area of weakness",
        "Area for priority action",
        "Area for improvement",
        "Priority",
        "Finding",
    ),
    "workstream": ("Workstream", "Theme", "Ambition", "Priority area"),
    "action": ("Action", "Commitment", "Description", "What we will do"),
    "lead": ("Lead", "Lead officer", "Owner", "Responsible officer"),
    "organisation": ("Lead organisation", "Organisation", "Agency", "Partner"),
    "start_date": ("Start date", "Provisional start date", "Planned start"),
    "due_date": ("Due date", "Completion date", "Target date", "Deadline", "By when"),
    "status": ("Status", "Progress status"),
    "rag": ("RAG", "RAG rating"),
    "update": ("Update", "Progress update", "Commentary", "Latest position"),
    "measure": ("Success measure", "Measure", "Impact measure", "How will we know"),
    "evidence": ("Evidence", "Evidence of impact"),
}
# The canonical column name written on export, in export order.
CANONICAL_COLUMNS: dict[str, str] = {
    "ref": "Ref",
    "finding": "Finding",
    "workstream": "Workstream",
    "action": "Action",
    "lead": "Lead",
    "organisation": "Lead organisation",
    "start_date": "Start date",
    "due_date": "Due date",
    "status": "Status",
    "rag": "RAG",
    "update": "Update",
    "measure": "Success measure",
    "evidence": "Evidence",
}
REQUIRED_FIELDS = ("ref", "action")
DATE_FIELDS = ("start_date", "due_date")

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
FINAL_STAGES = "final_stages"
COMPLETE = "complete"
AT_RISK = "at_risk"
STATUSES = (NOT_STARTED, IN_PROGRESS, FINAL_STAGES, COMPLETE, AT_RISK)
STARTED_STATUSES = frozenset({IN_PROGRESS, FINAL_STAGES, COMPLETE, AT_RISK})

# docs/spec/improvement-plan.md §1: the accepted words for each of the five states.
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    NOT_STARTED: ("not started", "not yet started", "planned", "to start"),
    IN_PROGRESS: ("in progress", "ongoing", "on track", "started", "underway"),
    FINAL_STAGES: ("final stages", "nearly complete", "almost complete"),
    COMPLETE: ("complete", "completed", "done", "achieved", "closed"),
    AT_RISK: ("at risk", "off track", "delayed", "blocked"),
}
STATUS_LABELS = {
    NOT_STARTED: "Not started",
    IN_PROGRESS: "In progress",
    FINAL_STAGES: "Final stages",
    COMPLETE: "Complete",
    AT_RISK: "At risk",
}
RAGS = ("red", "amber", "green", "blue")
RAG_LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue (complete)"}

_BRACKETS = re.compile(r"[\(\[\{][^\)\]\}]*[\)\]\}]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)[\s\-/]+(\d{2}|\d{4})$")
_BRITISH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def normalise_column(name: object) -> str:
    """A column name reduced for matching: lower case, no bracketed words, spaces or punctuation."""
    text = _BRACKETS.sub("", str(name or "")).lower()
    return _NOT_WORD.sub("", text)


_FIELD_BY_COLUMN = {
    normalise_column(column): field for field, columns in COLUMN_SYNONYMS.items() for column in columns
}


def field_for_column(name: object) -> str | None:
    """The spec field a spreadsheet column holds, or None for a column kept as an extra."""
    return _FIELD_BY_COLUMN.get(normalise_column(name))


def status_from_word(word: object) -> str | None:
    """The state for a status word (case-insensitive), "" for a blank cell, None when unknown."""
    text = _SPACES.sub(" ", str(word if word is not None else "")).strip().lower()
    if not text:
        return ""
    for state, words in STATUS_WORDS.items():
        if text in words or text == state:
            return state
    return None


def rag_from_word(word: object) -> str | None:
    text = str(word if word is not None else "").strip().lower()
    if not text:
        return ""
    return text if text in RAGS else None


@dataclass(frozen=True)
class ParsedDate:
    value: dt.date | None
    warning: str = ""


class UnreadableDate(ValueError):
    pass


def parse_date(value: object) -> ParsedDate:
    """A date from a cell: a spreadsheet date, YYYY-MM-DD, DD/MM/YYYY, or Month YYYY / Mon-YY.

    A month and year stands for the last day of that month and carries a warning.
    Raises UnreadableDate for anything else.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return ParsedDate(None)
    if isinstance(value, dt.datetime):
        return ParsedDate(value.date())
    if isinstance(value, dt.date):
        return ParsedDate(value)
    text = str(value).strip()
    try:
        if match := _ISO.match(text):
            return ParsedDate(dt.date(int(match[1]), int(match[2]), int(match[3])))
        if match := _BRITISH.match(text):
            return ParsedDate(dt.date(int(match[3]), int(match[2]), int(match[1])))
    except ValueError as error:
        raise UnreadableDate(f"{text} is not a real date") from error
    if (match := _MONTH_YEAR.match(text)) and match[1].lower() in _MONTHS:
        year = int(match[2]) if len(match[2]) == 4 else 2000 + int(match[2])
        month = _MONTHS[match[1].lower()]
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return ParsedDate(last, f"{text} is a month, not a date: taken as {last.isoformat()}")
    raise UnreadableDate(f"{text} is not a date in a form we can read (use YYYY-MM-DD or DD/MM/YYYY)")


def percent(part: int, whole: int) -> int:
    """A whole-number percentage, rounded half up."""
    if whole == 0:
        return 0
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ActionState:
    """What the summary needs to know about one action."""

    status: str
    start_date: dt.date | None = None
    due_date: dt.date | None = None


@dataclass(frozen=True)
class Summary:
    total: int
    not_started: int
    not_started_past_start: int
    started: int
    complete_or_final: int
    in_progress: int
    at_risk: int
    past_due: int
    as_of: dt.date

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        return data

    @property
    def not_started_percent(self) -> int:
        return percent(self.not_started, self.total)

    @property
    def sentence(self) -> str:
        return summary_sentence(self)

    def rows(self) -> list[tuple[str, int, int]]:
        """The table version: label, count, percentage of all actions."""
        return [
            ("Not started", self.not_started, percent(self.not_started, self.total)),
            (
                "Not started and past their planned start date",
                self.not_started_past_start,
                percent(self.not_started_past_start, self.total),
            ),
            ("Started", self.started, percent(self.started, self.total)),
            (
                "Complete or in their final stages",
                self.complete_or_final,
                percent(self.complete_or_final, self.total),
            ),
            ("Ongoing", self.in_progress, percent(self.in_progress, self.total)),
            ("At risk", self.at_risk, percent(self.at_risk, self.total)),
            ("Past their due date", self.past_due, percent(self.past_due, self.total)),
            ("All actions", self.total, 100 if self.total else 0),
        ]


def summarise(actions: Iterable[ActionState], as_of: dt.date) -> Summary:
    """docs/spec/improvement-plan.md §3: the counts, as of a date."""
    counts = dict.fromkeys(STATUSES, 0)
    past_start = past_due = total = 0
    for action in actions:
        total += 1
        counts[action.status] = counts.get(action.status, 0) + 1
        if action.status == NOT_STARTED and action.start_date is not None and action.start_date < as_of:
            past_start += 1
        if action.status != COMPLETE and action.due_date is not None and action.due_date < as_of:
            past_due += 1
    return Summary(
        total=total,
        not_started=counts[NOT_STARTED],
        not_started_past_start=past_start,
        started=sum(counts[status] for status in STARTED_STATUSES),
        complete_or_final=counts[COMPLETE] + counts[FINAL_STAGES],
        in_progress=counts[IN_PROGRESS],
        at_risk=counts[AT_RISK],
        past_due=past_due,
        as_of=as_of,
    )


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def summary_sentence(summary: Summary) -> str:
    """The summary as the sentence of docs/spec/improvement-plan.md §3."""
    if summary.total == 0:
        return "0 actions."
    parts = [
        f"{_count(summary.total, 'action', 'actions')}.",
        f"Work has not started on {summary.not_started} ({summary.not_started_percent}%),"
        f" {summary.not_started_past_start} of them past their planned start date.",
        f"Of the {summary.started} started, {summary.complete_or_final}"
        f" {'is' if summary.complete_or_final == 1 else 'are'} complete or in their final stages,"
        f" {summary.in_progress} {'is' if summary.in_progress == 1 else 'are'} ongoing and"
        f" {summary.at_risk} {'is' if summary.at_risk == 1 else 'are'} at risk.",
        f"{_count(summary.past_due, 'action is', 'actions are')}"
        f" past {'its' if summary.past_due == 1 else 'their'} due date.",
    ]
    return " ".join(parts)
