"""Published national figures (data/national.json), found by KPI. Pure Python, no Django."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

NATIONAL_FILE = Path(__file__).parent / "data" / "national.json"


@dataclass(frozen=True, slots=True)
class NationalFigure:
    kpi: str
    period: str
    value: float
    source: str
    published: str
    verified: bool


@cache
def national_figures() -> tuple[NationalFigure, ...]:
    data = json.loads(NATIONAL_FILE.read_text(encoding="utf-8"))
    return tuple(
        NationalFigure(f["kpi"], f["period"], f["value"], f["source"], f["published"], bool(f["verified"]))
        for f in data["figures"]
    )


def national_version() -> str:
    return str(json.loads(NATIONAL_FILE.read_text(encoding="utf-8"))["version"])


def figures_for(kpi_id: str) -> list[NationalFigure]:
    """The national figures for a KPI, latest period first."""
    return sorted(
        (f for f in national_figures() if f.kpi == kpi_id), key=lambda f: f.period[-4:], reverse=True
    )


def latest_for(kpi_id: str) -> NationalFigure | None:
    found = figures_for(kpi_id)
    return found[0] if found else None


def for_period(kpi_id: str, period: str) -> NationalFigure | None:
    return next((f for f in figures_for(kpi_id) if f.period == period), None)
