"""sendtrack's 20-week figures beside the DfE's published ones, year by year. Pure Python.

Each timeliness KPI names the columns of the published file that hold the same figure. A year's
comparison says in a sentence how the two differ ("2024: 46 plans more in sendtrack than the DfE
published"), so a council can explain the difference before it is asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sendtrack.interchange.published_timeliness import Figure

# KPI id -> (numerator column, denominator column, value column, value is a percentage)
COLUMNS: Mapping[str, tuple[str, str, str, bool]] = {
    "final_plan_20wk_incl_exceptions": (
        "plans_issued_within_20_weeks",
        "plans_issued_den",
        "pc_plans_issued_within_20_weeks",
        True,
    ),
    "final_plan_20wk_excl_exceptions": (
        "plans_issued_20_weeks_ex",
        "plans_issued_den_ex",
        "pc_plans_issued_20_weeks_ex",
        True,
    ),
    "final_plan_over_20wk_within_year_incl_exceptions": (
        "plans_issued_gt20weeks_ltyear",
        "plans_issued_den",
        "pc_plans_issued_gt20weeks_ltyear",
        True,
    ),
    "final_plan_over_20wk_within_year_excl_exceptions": (
        "plans_issued_gt20weeks_ltyear_ex",
        "plans_issued_den_ex",
        "pc_plans_issued_gt20weeks_ltyear_ex",
        True,
    ),
    "final_plan_over_year_incl_exceptions": (
        "plans_issued_gt_1_year",
        "plans_issued_den",
        "pc_plans_issued_gt_1_year",
        True,
    ),
    "final_plan_over_year_excl_exceptions": (
        "plans_issued_gt_1_year_ex",
        "plans_issued_den_ex",
        "pc_plans_issued_gt_1_year_ex",
        True,
    ),
    "final_plan_mean_weeks_incl_exceptions": ("", "plans_issued_den", "avg_weeks_issue_plan", False),
    "final_plan_mean_weeks_excl_exceptions": ("", "plans_issued_den_ex", "avg_weeks_issue_plan_exc", False),
}


@dataclass(frozen=True)
class PublishedFigure:
    """One published figure: its value (a share as a fraction, or weeks) or the suppression code."""

    value: float | None
    numerator: int | None
    denominator: int | None
    suppressed: str = ""


@dataclass(frozen=True)
class YearBeside:
    year: int
    ours_value: float | None
    ours_numerator: int | None
    ours_denominator: int | None
    area: PublishedFigure | None
    england: PublishedFigure | None
    difference: int | None  # plans in sendtrack minus plans the DfE published for the area
    sentence: str


def _number(figure: Figure | None) -> float | None:
    return figure if isinstance(figure, float) else None


def published_figure(kpi_id: str, figures: Mapping[str, Figure]) -> PublishedFigure:
    numerator_column, denominator_column, value_column, percentage = COLUMNS[kpi_id]
    value = _number(figures.get(value_column))
    numerator = _number(figures.get(numerator_column)) if numerator_column else None
    denominator = _number(figures.get(denominator_column))
    suppressed = next(
        (str(figures[c]) for c in (value_column, denominator_column) if isinstance(figures.get(c), str)), ""
    )
    if value is not None and percentage:
        value = round(value / 100, 3)
    return PublishedFigure(
        value,
        int(numerator) if numerator is not None else None,
        int(denominator) if denominator is not None else None,
        suppressed,
    )


def _plans(count: int) -> str:
    return f"{count} plan" if count == 1 else f"{count} plans"


def sentence(
    year: int, ours_numerator: int | None, ours_denominator: int | None, area: PublishedFigure
) -> str:
    """How sendtrack's figure differs from the published one, or "" when they agree."""
    if area.suppressed and area.denominator is None:
        return (
            f"{year}: the DfE did not publish this figure for the area ({area.suppressed}), "
            "so it cannot be compared"
        )
    if ours_denominator is not None and area.denominator is not None and ours_denominator != area.denominator:
        gap = ours_denominator - area.denominator
        word = "more" if gap > 0 else "fewer"
        return f"{year}: {_plans(abs(gap))} {word} in sendtrack than the DfE published"
    if ours_numerator is not None and area.numerator is not None and ours_numerator != area.numerator:
        gap = ours_numerator - area.numerator
        word = "more" if gap > 0 else "fewer"
        return (
            f"{year}: the same plans, but {_plans(abs(gap))} {word} counted in this figure in "
            "sendtrack than the DfE published"
        )
    return ""


def beside(
    kpi_id: str,
    ours: Mapping[int, tuple[float | None, int | None, int | None]],
    area: Mapping[int, Mapping[str, Figure]],
    england: Mapping[int, Mapping[str, Figure]],
) -> list[YearBeside]:
    """Every year with a figure from either side, oldest first. `ours` maps a year to
    (value, numerator, denominator); the published maps hold each year's "All EHC plans" row."""
    if kpi_id not in COLUMNS:
        return []
    rows = []
    for year in sorted(set(ours) | set(area)):
        value, numerator, denominator = ours.get(year, (None, None, None))
        published = published_figure(kpi_id, area[year]) if year in area else None
        national = published_figure(kpi_id, england[year]) if year in england else None
        difference = None
        if published is not None and published.denominator is not None and denominator is not None:
            difference = denominator - published.denominator
        text = sentence(year, numerator, denominator, published) if published is not None else ""
        rows.append(YearBeside(year, value, numerator, denominator, published, national, difference, text))
    return rows
