"""The family's response to a draft, set against the sections it concerns. Pure Python, no Django.

The family writes freely (portal), so each paragraph of their views goes to the sections it names:
"Section F", "section H1", or a reference of the plan such as "F2", "B1" or "H2.1". A paragraph
naming none is about the plan as a whole. The school or college they ask for concerns Section I.
The response itself belongs to the portal, above ehcplan: the `PLAN_FAMILY_RESPONSES` setting names
the function that finds a draft's responses, so ehcplan never imports the portal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sendtrack.ehcplan.structure import SECTIONS

SECTION_WORD = re.compile(r"\bsections?\s+(H1|H2|[A-K])\b", re.IGNORECASE)
REFERENCE = re.compile(r"\b(H[12]\.\d+|[B-G]\d+)\b")
WHOLE_PLAN = ""


@dataclass(frozen=True)
class FamilyResponse:
    """One response to a draft: who sent it, when, their views and the setting they asked for."""

    submitted_at: datetime
    submitted_by: str
    views: str
    preferred_setting: str = ""


@dataclass
class FamilyViews:
    """A response's words by section: `by_section[""]` holds what is about the plan as a whole."""

    response: FamilyResponse
    by_section: dict[str, list[str]] = field(default_factory=dict)

    def about(self, code: str) -> list[str]:
        return self.by_section.get(code, [])


def sections_named(text: str) -> list[str]:
    """The sections a piece of text names, by word ("section F") or by reference ("F2", "H1.3")."""
    found = {match.upper() for match in SECTION_WORD.findall(text)}
    for ref in REFERENCE.findall(text):
        found.add(ref.split(".")[0] if ref.startswith("H") else ref[0])
    return [code for code in SECTIONS if code in found]


def paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n|\r?\n", text) if part.strip()]


def set_against_sections(response: FamilyResponse) -> FamilyViews:
    views = FamilyViews(response)
    for paragraph in paragraphs(response.views):
        for code in sections_named(paragraph) or [WHOLE_PLAN]:
            views.by_section.setdefault(code, []).append(paragraph)
    if response.preferred_setting.strip():
        views.by_section.setdefault("I", []).append(
            f"The family would like {response.preferred_setting.strip()} to be named."
        )
    return views


# (case id, the draft's event id, the day the draft was issued) -> the family's responses to it
ResponsesFinder = Callable[[int, int | None, date], list[FamilyResponse]]
