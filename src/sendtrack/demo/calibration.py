"""The figures the demo area is calibrated to, read from `data/calibration.json`.

National figures keep their source and `verified` flag; the generator's own modelling choices are
under `assumptions`, each with its reason. Nothing here needs Django.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CALIBRATION_FILE = Path(__file__).parent / "data" / "calibration.json"

# Age bands of the DfE release, as (label, first age, last age).
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("0-4", 0, 4),
    ("5-10", 5, 10),
    ("11-15", 11, 15),
    ("16-19", 16, 19),
    ("20-25", 20, 25),
)


def age_band(age: int) -> str:
    for label, first, last in AGE_BANDS:
        if first <= age <= last:
            return label
    return "20-25" if age > 25 else "0-4"


@dataclass(frozen=True)
class Calibration:
    national: dict[str, Any]
    assumptions: dict[str, Any]
    national_children: int

    def figure(self, name: str) -> Any:
        """A national figure's value."""
        return self.national[name]["value"]

    def assume(self, name: str) -> Any:
        """A modelling assumption's value."""
        return self.assumptions[name]["value"]

    def per_child_per_year(self, name: str) -> float:
        """A national annual count scaled to one child of the demo area (see `scaling`)."""
        return float(self.figure(name)) / self.national_children

    def twenty_week_share(self, year: int) -> float:
        """Share of new plans issued within 20 weeks (excluding exceptions) in a calendar year."""
        by_year = {int(k): float(v) for k, v in self.assume("final_plan_20wk_share_by_year").items()}
        if year in by_year:
            return by_year[year]
        return by_year[max(by_year)] if year > max(by_year) else by_year[min(by_year)]

    @property
    def refusal_share(self) -> float:
        return float(self.figure("refusal_to_assess_share"))

    @property
    def primary_needs(self) -> dict[str, float]:
        return dict(self.figure("primary_need_mix_active_plans"))

    @property
    def age_mix(self) -> dict[str, float]:
        return dict(self.assume("age_mix_active_plans"))


@cache
def load_calibration() -> Calibration:
    data = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    return Calibration(
        national=data["national"],
        assumptions=data["assumptions"],
        national_children=int(data["scaling"]["national_children"]),
    )
