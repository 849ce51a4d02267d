"""How long a step takes, learned from finished and unfinished ones: the Kaplan-Meier estimate.

A step still open on the as-of date tells us it has taken at least so long (a censored duration);
leaving it out would make every step look faster than it is. Kaplan-Meier counts both kinds.
`Durations` answers the forecast's two questions, both *given the time already waited*: how likely
is it to take longer than the days allowed, and when will it probably finish.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from random import Random

# When a step has already waited longer than anything finished in the history, we assume it ends
# this many days after the longer of the two (docs/forecast.md: "when not to trust it").
TAIL_DAYS = 30
# Draws are read from the curve's quantiles in thousandths.
GRID = 1000


class Durations:
    """The Kaplan-Meier survival curve of one step's durations, in whole days.

    `observations` are (days, finished): finished False means the step was still open after that
    many days. `times` are the distinct finishing days; `surviving[i]` is the chance a step is still
    open after `times[i]` days.
    """

    __slots__ = ("finished", "times", "surviving", "_negated", "longest", "_table")

    def __init__(self, observations: Iterable[tuple[int, bool]] = ()) -> None:
        ended: Counter[int] = Counter()
        left: Counter[int] = Counter()
        for days, finished in observations:
            (ended if finished else left)[max(days, 0)] += 1
        self._count(ended, left)

    @classmethod
    def counted(cls, ended: Counter[int], left: Counter[int]) -> Durations:
        """The curve from how many steps finished, and how many were still open, after each day
        (days below zero counted as zero): what the observations come to, without a list of them."""
        curve = cls.__new__(cls)
        curve._count(ended, left)
        return curve

    def _count(self, ended: Counter[int], left: Counter[int]) -> None:
        self.finished = sum(ended.values())
        at_risk = self.finished + sum(left.values())
        surviving = 1.0
        times: list[int] = []
        curve: list[float] = []
        for day in sorted(ended.keys() | left.keys()):
            done = ended.get(day, 0)
            if done:
                surviving *= 1 - done / at_risk
                times.append(day)
                curve.append(surviving)
            at_risk -= done + left.get(day, 0)
        self.times = times
        self.surviving = curve
        self._negated = [-value for value in curve]
        self.longest = times[-1] if times else 0
        self._table: tuple[list[int], int] | None = None

    def survival(self, days: int) -> float:
        """The chance the step is still open after `days` days."""
        index = bisect_right(self.times, days)
        return self.surviving[index - 1] if index else 1.0

    def chance_longer(self, allowed: int, waited: int) -> float:
        """P(takes more than `allowed` days | still open after `waited` days)."""
        if waited >= allowed:
            return 1.0
        still_open = self.survival(waited)
        if still_open <= 1e-12:
            return 1.0 if max(waited, self.longest) + TAIL_DAYS > allowed else 0.0
        return min(self.survival(allowed) / still_open, 1.0)

    def quantile(self, share: float, waited: int = 0) -> int:
        """The day by which a `share` of steps still open after `waited` days have finished."""
        target = self.survival(waited) * (1 - share)
        index = bisect_left(self._negated, -target)
        if index < len(self.times) and self.times[index] > waited:
            return self.times[index]
        return max(waited, self.longest) + TAIL_DAYS

    def draws(self, rng: Random, count: int, waited: int = 0, offset: int = 0) -> list[int]:
        """`count` random durations given `waited`, plus `offset`: the simulation's draws.

        Drawn from a table of the curve's quantiles in thousandths, restricted to those after the
        wait, so each draw is one lookup; beyond the curve's end the tail assumption applies.
        """
        table, tail_from = self._grid()
        start = int((1 - self.survival(waited)) * GRID) + 1
        if start > GRID:
            start = GRID
        tail = max(waited, self.longest) + TAIL_DAYS
        if tail_from <= start:
            return [tail + offset] * count
        population = table[start:tail_from] + [tail] * (GRID + 1 - tail_from)
        picks = rng.choices(population, k=count)
        return list(map(offset.__add__, picks)) if offset else picks

    def _grid(self) -> tuple[list[int], int]:
        """The day by which each thousandth of steps has finished, and where the curve runs out."""
        if self._table is None:
            table: list[int] = []
            tail_from = GRID + 1
            for k in range(GRID + 1):
                index = bisect_left(self._negated, -(1 - k / GRID))
                if index < len(self.times):
                    table.append(self.times[index])
                else:
                    tail_from = min(tail_from, k)
                    table.append(-1)
            self._table = (table, tail_from)
        return self._table

    def median(self) -> int:
        return self.quantile(0.5)
