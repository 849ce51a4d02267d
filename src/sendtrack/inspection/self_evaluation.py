"""The self-evaluation: what the partnership writes under each of the framework's evaluation areas,
with live figures embedded by tokens. Pure Python.

The areas are the five the handbook's evaluation criteria cover, as councils paraphrase them, and
the local authority's commissioning and oversight of alternative provision (spec A1, marked [S]:
the handbook's own wording could not be read). No format is prescribed for a self-evaluation
(spec A8, [U]).

A statement embeds a figure with a token in square brackets:

- `[kpi:final_plan_20wk_excl_exceptions]`: a KPI's latest value, with its period and the day it was counted;
- `[count:annual_review_12m]`: the number of cases a KPI counted, linked to the list of them;
- `[action:2.3]`: an improvement action's status and RAG, with the day of its last update.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

EVALUATION_AREAS: tuple[tuple[str, str], ...] = (
    (
        "identification",
        "Children's needs are identified accurately and assessed in a timely and effective way",
    ),
    (
        "participation",
        "Children, young people and families participate in decisions about their plans and support",
    ),
    ("right_help", "Children and young people receive the right help at the right time"),
    (
        "next_steps",
        "Children and young people are well prepared for their next steps and achieve strong outcomes",
    ),
    ("inclusion", "Children and young people are valued, visible and included in their communities"),
    (
        "alternative_provision",
        "The local authority commissions and oversees alternative provision effectively",
    ),
)
AREA_TITLES = dict(EVALUATION_AREAS)
KINDS = ("kpi", "count", "action")
TOKEN = re.compile(r"\[(?P<kind>[a-z]+):(?P<ref>[^\]\s]+)\]")


@dataclass(frozen=True)
class Token:
    kind: str
    ref: str

    def __str__(self) -> str:
        return f"[{self.kind}:{self.ref}]"


def parse(text: str) -> list[list[str | Token]]:
    """Paragraphs (split on blank lines or single line breaks) of words and tokens, in order."""
    paragraphs = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        parts: list[str | Token] = []
        last = 0
        for match in TOKEN.finditer(line):
            if match.start() > last:
                parts.append(line[last : match.start()])
            parts.append(Token(match["kind"], match["ref"]))
            last = match.end()
        if last < len(line):
            parts.append(line[last:])
        paragraphs.append(parts)
    return paragraphs


def tokens_in(text: str) -> list[Token]:
    return [part for paragraph in parse(text) for part in paragraph if isinstance(part, Token)]


@dataclass(frozen=True)
class Figure:
    """A token resolved: the words shown, the link behind them, its source and the day it is true on.

    `weakness` orders measures: below zero the area does worse than England (or its target), and
    the more negative the weaker; None when there is nothing to compare with.
    """

    token: str
    text: str
    source: str
    as_of: str
    link: str = ""
    weakness: float | None = None
    problem: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "figure": self.text,
            "token": self.token,
            "source": self.source,
            "as_of": self.as_of,
            "link": self.link,
            "problem": self.problem,
        }


def weakness(value: float | None, compared: float | None, polarity: str) -> float | None:
    """How far `value` is from `compared` in the better direction, as a share of `compared`."""
    if value is None or compared is None or polarity not in ("higher", "lower"):
        return None
    gap = (value - compared) / abs(compared) if compared else value - compared
    return gap if polarity == "higher" else -gap


def weakest_first(figures: list[Figure]) -> list[Figure]:
    """Measures doing worst against England or their target first; those with nothing to compare last."""
    return sorted(figures, key=lambda f: (f.weakness is None, f.weakness if f.weakness is not None else 0.0))
