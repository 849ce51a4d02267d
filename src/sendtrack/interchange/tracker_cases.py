"""Tracker rows as case files of the case-events contract (docs/spec/case-events.md). No Django.

Each row is one request (or one plan); rows of the same child (same UPN, case reference, or
name and date of birth) become one case with several journeys. A row that contradicts itself
(final plan before the request, decision before the request) is refused with the reason; a row
the engine would refuse is refused with the engine's own message.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sendtrack.interchange.tracker_mapping import AGENCIES
from sendtrack.interchange.tracker_sheets import Sheet, is_blank, parse_date
from sendtrack.statutory import CaseFileError, parse_case

ASSESS = {"y", "yes", "assess", "agreed", "agreed to assess"}
REFUSE = {"n", "no", "refuse", "refused", "declined", "not agreed", "not assess"}
DATE_FIELDS = (
    "date_of_birth",
    "request_date",
    "decision_date",
    "draft_date",
    "final_date",
    "review_date",
    *(f"advice_{verb}:{agency}" for agency in AGENCIES for verb in ("requested", "received")),
)


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    value: str
    why: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column '{self.column}'" if self.column else "")
        return f"{where}: {self.why}" + (f" (value: {self.value})" if self.value else "")


@dataclass
class TrackerCases:
    cases: list[dict[str, Any]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0
    requests: int = 0
    decisions: int = 0
    final_plans: int = 0


def _text(value: Any) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _names(row: dict[str, Any]) -> tuple[str, str]:
    given, family = _text(row.get("given_name")), _text(row.get("family_name"))
    if not (given or family) and _text(row.get("child_name")):
        full = _text(row.get("child_name"))
        if "," in full:  # "Brown, Lily"
            family, given = (part.strip() for part in full.split(",", 1))
        else:
            given, _, family = full.rpartition(" ")
            given, family = (given, family) if given else (family, "")
    return given, family


def _key_and_ref(
    row: dict[str, Any], dates: dict[str, date | None], given: str, family: str
) -> tuple[str, str]:
    upn = _text(row.get("upn")).upper()
    if upn:
        return f"upn:{upn}", upn
    case_ref = _text(row.get("case_ref"))
    if case_ref:
        return f"case:{case_ref}", case_ref
    born = dates.get("date_of_birth")
    who = f"{given.lower()}|{family.lower()}|{born.isoformat() if born else ''}"
    return f"name:{who}", "T" + hashlib.sha256(who.encode()).hexdigest()[:10].upper()


def _events(
    row: dict[str, Any], dates: dict[str, date | None], mapping: dict[str, str], number: int
) -> tuple[list[dict[str, Any]], list[RowProblem]]:
    problems: list[RowProblem] = []
    received = dates.get("request_date")
    if received is None:
        return [], [
            RowProblem(number, mapping.get("request_date", ""), "", "no date the request was received")
        ]
    for name, words in (
        ("decision_date", "decision"),
        ("draft_date", "draft plan"),
        ("final_date", "final plan"),
    ):
        day = dates.get(name)
        if day is not None and day < received:
            problems.append(
                RowProblem(
                    number,
                    mapping[name],
                    day.strftime("%d/%m/%Y"),
                    f"the {words} ({day:%d/%m/%Y}) is before the request ({received:%d/%m/%Y})",
                )
            )
    if dates.get("draft_date") and dates.get("final_date") and dates["final_date"] < dates["draft_date"]:
        problems.append(
            RowProblem(
                number,
                mapping["final_date"],
                dates["final_date"].strftime("%d/%m/%Y"),
                "the final plan is before the draft plan",
            )
        )
    events: list[dict[str, Any]] = [{"type": "request_received", "date": received.isoformat()}]
    if dates.get("decision_date"):
        said = _text(row.get("decision")).lower()
        later = any(dates.get(n) for n in ("draft_date", "final_date"))
        outcome = "assess" if said in ASSESS or (not said and later) else "refuse" if said in REFUSE else None
        if outcome is None:
            problems.append(
                RowProblem(
                    number,
                    mapping.get("decision", mapping["decision_date"]),
                    said,
                    "say whether the decision was to assess (Y) or to refuse (N)",
                )
            )
        else:
            events.append(
                {
                    "type": "assessment_decision",
                    "date": dates["decision_date"].isoformat(),
                    "outcome": outcome,
                }
            )
    for agency in AGENCIES:
        asked, got = dates.get(f"advice_requested:{agency}"), dates.get(f"advice_received:{agency}")
        if asked:
            events.append({"type": "advice_requested", "date": asked.isoformat(), "from": agency})
            if got:
                events.append({"type": "advice_received", "date": got.isoformat(), "from": agency})
    for name, kind in (
        ("draft_date", "draft_plan_issued"),
        ("final_date", "final_plan_issued"),
        ("review_date", "review_meeting"),
    ):
        if dates.get(name):
            event: dict[str, Any] = {"type": kind, "date": dates[name].isoformat()}
            setting = _text(row.get("setting"))
            if kind == "final_plan_issued" and setting.isdigit() and len(setting) == 6:
                event["setting"] = setting
            events.append(event)
    return sorted(events, key=lambda e: e["date"]), problems


def cases_from_rows(sheet: Sheet, mapping: dict[str, str], area_code: str) -> TrackerCases:
    """Every row as events of a case file; problems name the row, column, value and why."""
    index = {name: i for i, name in enumerate(sheet.columns)}
    out = TrackerCases()
    by_child: dict[str, tuple[dict[str, Any], list[int]]] = {}
    for number, values in sheet.rows:
        out.rows += 1
        row = {
            f: values[index[c]] if index[c] < len(values) else None for f, c in mapping.items() if c in index
        }
        dates: dict[str, date | None] = {}
        row_problems: list[RowProblem] = []
        for name in DATE_FIELDS:
            if name in row:
                try:
                    dates[name] = parse_date(row[name])
                except ValueError as error:
                    row_problems.append(RowProblem(number, mapping[name], _text(row[name]), str(error)))
        given, family = _names(row)
        events, problems = _events(row, dates, mapping, number)
        row_problems += problems
        if row_problems:
            out.problems += row_problems
            continue
        key, ref = _key_and_ref(row, dates, given, family)
        person = {
            "ref": ref,
            "given_name": given,
            "family_name": family,
            "date_of_birth": dates["date_of_birth"].isoformat() if dates.get("date_of_birth") else None,
            "upn": _text(row.get("upn")).upper() or None,
            "primary_need": _text(row.get("primary_need")).upper() or None,
        }
        if key not in by_child:
            case_ref = _text(row.get("case_ref")) or f"{area_code}-{ref}"
            by_child[key] = (
                {"case_ref": case_ref, "person": {k: v for k, v in person.items() if v}, "events": []},
                [],
            )
        case, rows = by_child[key]
        case["events"] += events
        rows.append(number)
        out.requests += 1
        out.decisions += sum(1 for e in events if e["type"] == "assessment_decision")
        out.final_plans += sum(1 for e in events if e["type"] == "final_plan_issued")
    for case, rows in by_child.values():
        case["events"].sort(key=lambda e: e["date"])
        try:
            parse_case(case)
        except CaseFileError as error:
            out.problems.append(RowProblem(rows[0], error.field or "", "", error.problem))
            continue
        out.cases.append(case)
    out.problems.sort(key=lambda p: p.row)
    return out
