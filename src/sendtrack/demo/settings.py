"""The demo area's schools, colleges and early years settings, with URN-like numbers.

The list depends only on the area's name and the seed, so the generator (which names settings in
case files) and the `demo-data` command (which creates them as organisations) agree.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from sendtrack.demo.names import SAINTS, place_name

# How many settings of each phase the demo area has (about 60 in all).
SETTING_COUNTS = {"early_years": 5, "primary": 34, "secondary": 10, "special": 6, "post16": 4}


@dataclass(frozen=True)
class Setting:
    urn: str
    name: str
    phase: str  # early_years, primary, secondary, special, post16
    first_age: int
    last_age: int


def _primary_name(rng: random.Random, place: str) -> str:
    roll = rng.random()
    if roll < 0.2:
        return f"St {rng.choice(SAINTS)} Church of England Primary School"
    if roll < 0.32:
        return f"St {rng.choice(SAINTS)} Catholic Primary School"
    if roll < 0.5:
        return f"{place} Primary Academy"
    if roll < 0.6:
        return f"{place} Infant and Nursery School"
    return f"{place} Primary School"


def _secondary_name(rng: random.Random, place: str, area: str) -> str:
    return rng.choice(
        (
            f"{place} Academy",
            f"{place} High School",
            f"{place} School",
            f"{area} {place} Academy",
            f"St {rng.choice(SAINTS)} Catholic High School",
            f"{place} Community College",
        )
    )


def _special_name(rng: random.Random, place: str) -> str:
    return rng.choice(
        (f"{place} School", f"{place} Academy", f"{place} Specialist School", f"{place} Special School")
    )


def _post16_name(rng: random.Random, place: str, area: str, index: int) -> str:
    if index == 0:
        return f"{area} College"
    return rng.choice(
        (f"{place} College", f"{area} Sixth Form College", f"{place} College of Further Education")
    )


@cache
def demo_settings(area_name: str, seed: int) -> tuple[Setting, ...]:
    rng = random.Random(f"settings:{area_name}:{seed}")
    used_names: set[str] = set()
    used_urns: set[str] = set()
    settings: list[Setting] = []
    ages = {
        "early_years": (0, 4),
        "primary": (4, 10),
        "secondary": (11, 18),
        "special": (2, 18),
        "post16": (16, 25),
    }
    for phase, count in SETTING_COUNTS.items():
        made = 0
        while made < count:
            place = place_name(rng)
            if phase == "early_years":
                name = rng.choice((f"{place} Nursery School", f"{place} Day Nursery", f"{place} Pre-School"))
            elif phase == "primary":
                name = _primary_name(rng, place)
            elif phase == "secondary":
                name = _secondary_name(rng, place, area_name)
            elif phase == "special":
                name = _special_name(rng, place)
            else:
                name = _post16_name(rng, place, area_name, made)
            if name in used_names:
                continue
            urn = str(rng.randint(100000, 149999))
            if urn in used_urns:
                continue
            used_names.add(name)
            used_urns.add(urn)
            settings.append(Setting(urn, name, phase, *ages[phase]))
            made += 1
    return tuple(settings)


def settings_by_phase(area_name: str, seed: int) -> dict[str, tuple[Setting, ...]]:
    grouped: dict[str, list[Setting]] = {}
    for setting in demo_settings(area_name, seed):
        grouped.setdefault(setting.phase, []).append(setting)
    return {phase: tuple(items) for phase, items in grouped.items()}
