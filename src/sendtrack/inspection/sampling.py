"""Drawing children for tracking: at random from List 1 and List 2, with the inspectors' quotas.

Pure Python. Inspectors pick up to six children "completely at random" from the whole SEND list,
SEN support included, spread across needs, ages and services, usually with at least one in
alternative provision and at least two on SEN support (spec A7, marked [S]: councils' accounts,
not the handbook). The size and quotas are `Quotas`, set from `settings.INSPECTION_TRACKING_SAMPLE`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

AGE_BANDS = (
    (0, 4, "0 to 4"),
    (5, 10, "5 to 10"),
    (11, 15, "11 to 15"),
    (16, 19, "16 to 19"),
    (20, 25, "20 to 25"),
)


@dataclass(frozen=True)
class Candidate:
    """One child on the lists: the case, the primary need's code, age on the day, and the quotas' facts."""

    case_ref: str
    need: str
    age: int | None
    alternative_provision: bool
    sen_support: bool


@dataclass(frozen=True)
class Quotas:
    size: int = 6
    alternative_provision: int = 1
    sen_support: int = 2


@dataclass
class Draw:
    chosen: list[Candidate]
    shortfalls: list[str]


def age_band(age: int | None) -> str:
    if age is None:
        return "age not recorded"
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return "over 25"


def _spread_score(candidate: Candidate, chosen: list[Candidate]) -> int:
    """2 for a need not yet in the sample, 1 for an age band not yet in it."""
    needs = {c.need for c in chosen}
    bands = {age_band(c.age) for c in chosen}
    return 2 * (candidate.need not in needs) + (age_band(candidate.age) not in bands)


def _take(pool: list[Candidate], chosen: list[Candidate], count: int) -> int:
    """Move up to `count` from `pool` (already shuffled) into `chosen`, widest spread first."""
    taken = 0
    while taken < count:
        left = [c for c in pool if c not in chosen]
        if not left:
            break
        best = max(left, key=lambda c: _spread_score(c, chosen))  # first of the best, in shuffled order
        chosen.append(best)
        taken += 1
    return taken


def draw(candidates: Sequence[Candidate], *, quotas: Quotas, seed: int | None = None) -> Draw:
    """A random sample meeting the quotas where the lists allow it, spread over needs and ages.

    The quotas are filled first (alternative provision, then SEN support), then the rest of the
    sample from everyone, each time preferring a need and then an age band not yet in the sample.
    A quota the lists cannot meet is named in `shortfalls`.
    """
    pool = list(candidates)
    random.Random(seed).shuffle(pool)
    chosen: list[Candidate] = []
    shortfalls: list[str] = []
    wanted = (
        (
            "in alternative provision",
            quotas.alternative_provision,
            [c for c in pool if c.alternative_provision],
        ),
        ("on SEN support", quotas.sen_support, [c for c in pool if c.sen_support]),
    )
    for label, count, group in wanted:
        already = sum(1 for c in chosen if c in group)
        need = min(count - already, quotas.size - len(chosen))
        if need > 0 and _take(group, chosen, need) < need:
            shortfalls.append(
                f"The lists hold too few children {label} for the quota of {count}: the sample has fewer"
            )
    _take(pool, chosen, quotas.size - len(chosen))
    if len(chosen) < quotas.size:
        shortfalls.append(f"The lists hold only {len(chosen)} children: fewer than {quotas.size}")
    return Draw(chosen, shortfalls)
