"""Which tracker column holds which of sendtrack's fields: a best guess, confirmed by a person, kept.

The guess reads the header words first and the values second (dates, "Y"/"N", six-digit URNs,
13-character UPNs). A mapping is a plain dict from field to column name, saved as JSON so next
month's tracker loads with the same choices. No Django here.
"""

from __future__ import annotations

import re
from typing import Any

from sendtrack.interchange.tracker_sheets import Sheet, parse_date

# sendtrack's field -> (what a person reads, header words that suggest it, the kind of value).
AGENCIES = {
    "education": "education",
    "health": "health",
    "social_care": "social care",
    "educational_psychology": "educational psychology",
}
FIELDS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "case_ref": ("Case reference", ("case ref", "case no", "case number", "ref", "reference", "id"), "text"),
    "child_name": (
        "Child's full name",
        ("child name", "full name", "name of child", "child", "name"),
        "text",
    ),
    "given_name": ("Child's first name", ("first name", "forename", "given name"), "text"),
    "family_name": ("Child's last name", ("surname", "last name", "family name"), "text"),
    "date_of_birth": ("Date of birth", ("dob", "date of birth", "birth"), "date"),
    "upn": ("UPN", ("upn", "unique pupil"), "upn"),
    "request_date": (
        "Date the request was received",
        ("request received", "date of request", "request date", "referral date", "request"),
        "date",
    ),
    "decision_date": (
        "Date of the decision whether to assess",
        ("decision date", "date of decision", "decision to assess date", "dta date"),
        "date",
    ),
    "decision": (
        "Decision whether to assess",
        ("decision", "agreed to assess", "assess?", "outcome"),
        "yes_no",
    ),
    "draft_date": ("Date the draft plan was issued", ("draft issued", "draft plan", "draft"), "date"),
    "final_date": (
        "Date the final plan was issued",
        ("final issued", "final plan", "final", "ehcp issued"),
        "date",
    ),
    "review_date": (
        "Date of the last annual review",
        ("annual review", "review date", "last review", "review"),
        "date",
    ),
    "setting": ("Setting (URN)", ("urn", "school", "setting", "placement"), "urn"),
    "primary_need": ("Primary need", ("primary need", "need", "sen type"), "text"),
}
for key, words in AGENCIES.items():
    short = {"educational_psychology": ("ep", "educational psych", "psychology")}.get(key, (words,))
    FIELDS[f"advice_requested:{key}"] = (
        f"Date {words} advice was requested",
        tuple(f"{w} {verb}" for w in short for verb in ("requested", "request", "asked")),
        "date",
    )
    FIELDS[f"advice_received:{key}"] = (
        f"Date {words} advice was received",
        tuple(f"{w} {verb}" for w in short for verb in ("received", "returned", "back")),
        "date",
    )

UPN = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$")
URN = re.compile(r"^\d{6}$")
YES_NO = {"y", "n", "yes", "no", "assess", "refuse", "agreed", "refused", "declined", "not agreed"}


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9?]+", " ", text.lower()).strip() + " "


def _value_kind(values: list[Any]) -> str:
    if not values:
        return ""
    texts = [str(v).strip() for v in values]
    if all(UPN.match(t.upper()) for t in texts):
        return "upn"
    if all(URN.match(t) for t in texts):
        return "urn"
    if all(t.lower() in YES_NO for t in texts):
        return "yes_no"
    try:
        if all(parse_date(v) is not None for v in values):
            return "date"
    except ValueError:
        pass
    return "text"


def guess_mapping(sheet: Sheet) -> dict[str, str]:
    """Each field's most likely column: header words score first, a matching value kind breaks ties."""
    scores: list[tuple[float, str, int]] = []
    kinds = [_value_kind(sheet.sample(i)) for i in range(len(sheet.columns))]
    for field, (_, hints, kind) in FIELDS.items():
        for i, column in enumerate(sheet.columns):
            header = _words(column)
            best = max((len(h) for h in hints if _words(h) in header), default=0)
            if best == 0:
                continue
            score = best + (5 if kinds[i] == kind else -5 if kinds[i] and kind in ("date", "upn") else 0)
            scores.append((score, field, i))
    mapping: dict[str, str] = {}
    used: set[int] = set()
    for _, field, column in sorted(scores, key=lambda s: -s[0]):
        if field not in mapping and column not in used:
            mapping[field] = sheet.columns[column]
            used.add(column)
    return mapping


def check_mapping(mapping: dict[str, str], sheet: Sheet) -> list[str]:
    """What is wrong with a mapping, in words: unknown fields, missing columns, nothing to say who."""
    problems = [f"'{f}' is not one of sendtrack's fields" for f in mapping if f not in FIELDS]
    problems += [
        f"{f}: there is no column called '{c}'" for f, c in mapping.items() if c not in sheet.columns
    ]
    if "request_date" not in mapping:
        problems.append("Choose the column with the date the request was received")
    if not ({"child_name", "given_name", "upn", "case_ref"} & set(mapping)):
        problems.append("Choose a column that says who the child is: a name, a UPN or a case reference")
    return problems
