"""Grading plans in a multi-agency audit: the overall grade and how far auditors agree. Pure Python.

Auditors grade each section on Ofsted's four-point scale, as councils' quality tools do (Derby,
Invision360). A plan's overall grade is the weighted mean of its section grades, rounded to the
nearest point of the scale, with the council's weights per section (1 where it sets none). The
automated checks are shown to auditors but never enter the grade.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SCALE = {"outstanding": 4, "good": 3, "requires_improvement": 2, "inadequate": 1}
BY_POINTS = {points: grade for grade, points in SCALE.items()}
GOOD_OR_BETTER = frozenset({"outstanding", "good"})


def overall_grade(grades: Mapping[str, str], weights: Mapping[str, float] | None = None) -> str | None:
    """The weighted grade of one auditor's section grades; None when no section is graded."""
    weights = weights or {}
    total = sum(weights.get(section, 1.0) for section in grades)
    if not grades or total <= 0:
        return None
    mean = sum(SCALE[grade] * weights.get(section, 1.0) for section, grade in grades.items()) / total
    return BY_POINTS[min(4, max(1, int(mean + 0.5)))]


@dataclass(frozen=True)
class Agreement:
    sections_compared: int
    sections_agreed: int

    @property
    def share(self) -> float | None:
        return self.sections_agreed / self.sections_compared if self.sections_compared else None


def agreement(gradings: Iterable[Mapping[str, str]]) -> Agreement:
    """Of the sections two or more auditors graded, how many they all graded the same."""
    by_section: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for grades in gradings:
        for section, grade in grades.items():
            by_section.setdefault(section, set()).add(grade)
            counts[section] = counts.get(section, 0) + 1
    compared = [section for section, n in counts.items() if n >= 2]
    return Agreement(len(compared), sum(1 for section in compared if len(by_section[section]) == 1))


def plan_grade(
    gradings: Iterable[Mapping[str, str]], weights: Mapping[str, float] | None = None
) -> str | None:
    """The plan's grade over all its auditors: every section grade they gave, weighted together."""
    merged: dict[str, list[int]] = {}
    for grades in gradings:
        for section, grade in grades.items():
            merged.setdefault(section, []).append(SCALE[grade])
    if not merged:
        return None
    weights = weights or {}
    total = sum(weights.get(section, 1.0) for section in merged)
    mean = sum(sum(p) / len(p) * weights.get(section, 1.0) for section, p in merged.items()) / total
    return BY_POINTS[min(4, max(1, int(mean + 0.5)))]
