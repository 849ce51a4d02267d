"""Rebuilding the KPI summaries of a local area from its stored milestones and imported figures.

`refresh_summaries` replaces every `KpiSummary` row of one area in one transaction, so running it
twice gives the same rows (recompute, never increment). `area_tallies` does the same counting
without storing anything; the `kpis` command prints from it.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.casework.models import Case, CaseEvent, Milestone
from sendtrack.ehcplan.selectors import audited_plan_grades_by_area
from sendtrack.performance import kpis
from sendtrack.performance.counting import (
    Counter,
    DecisionRow,
    Key,
    MilestoneRow,
    PersonFacts,
    Tally,
    count_case_kpis,
)
from sendtrack.performance.models import (
    ExclusionsAndAttendance,
    HighNeedsBudget,
    KpiSummary,
    SummaryRefresh,
    WaitingListEntry,
)
from sendtrack.performance.other_sources import (
    BudgetRow,
    TermRow,
    WaitingRow,
    count_budgets,
    count_plan_audits,
    count_terms,
    count_waiting_lists,
)
from sendtrack.performance.services import second_connection
from sendtrack.performance.signals import kpi_summaries_refreshed
from sendtrack.performance.summary_sql import (
    add_new_rows,
    compare_with_stored,
    gather_statistics_if_stale,
    write_differences,
)
from sendtrack.performance.tally_sql import count_into_temporary_table, drop_temporary_tables, reset_settings
from sendtrack.statutory.dates import months_before

# Milestone rules the catalogue counts; the others are left in the database.
COUNTED_RULES = (
    "final_plan",
    "assessment_decision",
    "advice",
    "annual_review",
    "review_decision",
    "amended_plan",
    "phase_transfer_review",
)
DISPUTE_TYPES = ("mediation", "tribunal_appeal")
DECISION_TYPES = ("assessment_decision", "plan_decision")


@dataclass(frozen=True, slots=True)
class RefreshReport:
    area: str
    rows: int
    seconds: float

    def summary(self) -> str:
        return f"Refreshed {self.area}: {self.rows} summary rows in {self.seconds:.2f}s"


def current_events(area_ids: list[int]) -> Iterable[CaseEvent]:
    """The area's events that count: neither corrected by a later event nor a removal."""
    corrected = CaseEvent.objects.filter(supersedes=OuterRef("pk"))
    return (
        CaseEvent.objects.filter(case__local_area_id__in=area_ids)
        .exclude(type=CaseEvent.REMOVED)
        .filter(~Exists(corrected))
    )


def _milestone_rows(area_ids: list[int], rules: tuple[str, ...]) -> Iterator[MilestoneRow]:
    rows = (
        Milestone.objects.filter(local_area_id__in=area_ids, rule_name__in=rules)
        .order_by()
        .values_list(
            "case_id", "rule", "rule_name", "journey", "start", "due", "completed", "status", "excepted"
        )
    )
    for row in rows.iterator(chunk_size=10_000):
        yield MilestoneRow(*row)


def case_tallies(
    area_ids: list[int],
    as_of: date,
    *,
    rules: tuple[str, ...] = COUNTED_RULES,
    counter: Counter | None = None,
) -> dict[Key, Tally]:
    """The case-record KPIs of the areas; `rules` narrows the milestones read (for a drill-down)."""
    persons: dict[int, PersonFacts] = {}
    open_stages: list[tuple[int, str]] = []
    cases = (
        Case.objects.filter(local_area_id__in=area_ids)
        .order_by()
        .values_list(
            "pk",
            "person__primary_need",
            "person__date_of_birth",
            "person__setting_urn",
            "person__sex",
            "person__ethnicity",
            "open",
            "stage",
        )
    )
    for pk, need, born, setting, sex, ethnicity, is_open, stage in cases.iterator(chunk_size=10_000):
        persons[pk] = PersonFacts(need, born, setting, sex, ethnicity)
        if is_open:
            open_stages.append((pk, stage))
    disputes: dict[int, list[date]] = defaultdict(list)
    for case_id, day in (
        current_events(area_ids).filter(type__in=DISPUTE_TYPES).values_list("case_id", "date")
    ):
        if day is not None:
            disputes[case_id].append(day)
    decisions = [
        DecisionRow(case_id, kind, day, outcome, incomplete)
        for case_id, kind, day, outcome, incomplete in current_events(area_ids)
        .filter(type__in=DECISION_TYPES, date__isnull=False)
        .values_list("case_id", "type", "date", "data__outcome", "panel_incomplete")
        .iterator(chunk_size=10_000)
    ]
    return count_case_kpis(
        milestones=_milestone_rows(area_ids, rules),
        persons=persons,
        decisions=decisions,
        disputes=disputes,
        open_stages=open_stages,
        as_of=as_of,
        counter=counter,
    )


@dataclass(slots=True)
class _Sources:
    """An area's rows of the sources outside the case records."""

    waiting: list[WaitingRow] = field(default_factory=list)
    terms: list[TermRow] = field(default_factory=list)
    budgets: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    grades: list[str] = field(default_factory=list)

    def add(self, other: _Sources) -> None:
        self.waiting += other.waiting
        self.terms += other.terms
        for year, (funding, spend) in other.budgets.items():
            self.budgets[year][0] += funding
            self.budgets[year][1] += spend
        self.grades += other.grades

    def tallies(self, as_of: date) -> dict[Key, Tally]:
        tallies = count_waiting_lists(self.waiting, as_of)
        tallies.update(count_terms(self.terms))
        budgets = (BudgetRow(year, funding, spend) for year, (funding, spend) in self.budgets.items())
        tallies.update(count_budgets(budgets))
        tallies.update(count_plan_audits(self.grades))
        return tallies


def _sources_by_area(area_ids: list[int], as_of: date) -> dict[int, _Sources]:
    """Each area's rows of the other sources, each source read in one query for all the areas."""
    sources: dict[int, _Sources] = {area_id: _Sources() for area_id in area_ids}
    for area_id, *waiting in WaitingListEntry.objects.filter(local_area_id__in=area_ids).values_list(
        "local_area_id", "service", "referral_date", "first_appointment", "cancelled_appointments"
    ):
        sources[area_id].waiting.append(WaitingRow(*waiting))
    for area_id, *term in ExclusionsAndAttendance.objects.filter(local_area_id__in=area_ids).values_list(
        "local_area_id",
        "academic_year",
        "sen_status",
        "pupils",
        "suspensions",
        "permanent_exclusions",
        "sessions_possible",
        "sessions_attended",
    ):
        sources[area_id].terms.append(TermRow(*term))
    for area_id, year, funding, spend in HighNeedsBudget.objects.filter(
        local_area_id__in=area_ids
    ).values_list("local_area_id", "financial_year", "funding", "spend"):
        sources[area_id].budgets[year][0] += funding
        sources[area_id].budgets[year][1] += spend
    grades = audited_plan_grades_by_area(area_ids, months_before(as_of, 12), as_of)
    for area_id, graded in grades.items():
        sources[area_id].grades = graded
    return sources


def other_source_tallies(area_ids: list[int], as_of: date) -> dict[Key, Tally]:
    """The KPIs from outside the case records, of the areas taken together."""
    together = _Sources()
    for sources in _sources_by_area(area_ids, as_of).values():
        together.add(sources)
    return together.tallies(as_of)


def other_source_tallies_by_area(area_ids: list[int], as_of: date) -> dict[int, dict[Key, Tally]]:
    """`other_source_tallies` of each area on its own."""
    return {area_id: sources.tallies(as_of) for area_id, sources in _sources_by_area(area_ids, as_of).items()}


def area_tallies(area_ids: list[int], as_of: date) -> dict[Key, Tally]:
    """Every KPI for the given areas taken together, counted now, without storing anything."""
    tallies = case_tallies(area_ids, as_of)
    tallies.update(other_source_tallies(area_ids, as_of))
    return tallies


def _summary_values(tallies: dict[Key, Tally]) -> Iterator[tuple]:
    """(kpi_id, period, dimension, value_key, numerator, denominator, value) of each catalogued KPI."""
    for (kpi_id, period, dimension, value_key), tally in tallies.items():
        kpi = kpis.get(kpi_id)
        if kpi is None:
            continue
        result = tally.result(kpi.unit)
        yield (
            kpi_id,
            period,
            dimension,
            value_key[:80],
            result["numerator"],
            result["denominator"],
            result["value"],
        )


def _summary_rows(area: LocalArea, tallies: dict[Key, Tally]) -> list[KpiSummary]:
    now = timezone.now()
    return [
        KpiSummary(
            local_area=area,
            kpi_id=kpi_id,
            period=period,
            dimension=dimension,
            value_key=value_key,
            numerator=numerator,
            denominator=denominator,
            value=value,
            refreshed_at=now,
        )
        for kpi_id, period, dimension, value_key, numerator, denominator, value in _summary_values(tallies)
    ]


def refresh_summaries(*, area: LocalArea, as_of: date | None = None) -> RefreshReport:
    """Rebuild every KPI summary row of `area` as of `as_of` (default today): set-based on
    PostgreSQL (`refresh_together`), row by row elsewhere (`refresh_row_by_row`); the same rows."""
    if connection.vendor == "postgresql":
        return refresh_together(areas=[area], as_of=as_of or timezone.localdate())[0]
    return refresh_row_by_row(area=area, as_of=as_of)


def refresh_row_by_row(*, area: LocalArea, as_of: date | None = None) -> RefreshReport:
    """`refresh_summaries` counted row by row in Python (`counting.count_case_kpis`, the definition)."""
    as_of = as_of or timezone.localdate()
    started = time.perf_counter()
    rows = _summary_rows(area, area_tallies([area.pk], as_of))
    with transaction.atomic():
        KpiSummary.objects.filter(local_area=area).delete()
        KpiSummary.objects.bulk_create(rows, batch_size=5000)
        seconds = time.perf_counter() - started
        SummaryRefresh.objects.update_or_create(
            local_area=area,
            defaults={"as_of": as_of, "refreshed_at": timezone.now(), "seconds": seconds, "rows": len(rows)},
        )
    kpi_summaries_refreshed.send(sender=KpiSummary, local_areas=[area], as_of=as_of)
    return RefreshReport(area.code, len(rows), seconds)


def refresh_all(*, areas: Iterable[LocalArea], as_of: date | None = None) -> list[RefreshReport]:
    """Rebuild the summaries of every area given: on PostgreSQL all at once, in set-based SQL."""
    areas = list(areas)
    if connection.vendor != "postgresql" or not areas:
        return [refresh_summaries(area=area, as_of=as_of) for area in areas]
    return refresh_together(areas=areas, as_of=as_of or timezone.localdate())


def _count_and_compare(area_ids: list[int], as_of: date, others: list[tuple]) -> dict[int, int]:
    """`kpi_diff` of the areas: their stored rows that differ from the rows counted now (the case
    records' by `tally_sql`, `others` those of the other sources). Returns how many rows each area
    will have stored."""
    count_into_temporary_table(area_ids, as_of)
    add_new_rows(others)
    rows = compare_with_stored(area_ids, {kpi.id: kpi.unit for kpi in kpis.KPIS})
    drop_temporary_tables()
    return rows


def refresh_together(*, areas: list[LocalArea], as_of: date) -> list[RefreshReport]:
    """Every area's summaries counted by `tally_sql` in one pass and written by `summary_sql`, the
    case-record rows never leaving the database; replaced in one transaction."""
    started = time.perf_counter()
    ids = [area.pk for area in areas]
    now = timezone.now()
    others = [
        (area_id, *values)
        for area_id, tallies in other_source_tallies_by_area(ids, as_of).items()
        for values in _summary_values(tallies)
    ]
    gather_statistics_if_stale()
    mine, theirs = second_connection.halves(ids) if second_connection.can_split(ids) else (ids, [])
    elsewhere = set(theirs)
    with transaction.atomic():
        if theirs:
            pool, differences = second_connection.start(
                second_connection.export_snapshot(),
                partial(_count_and_compare, theirs, as_of, [row for row in others if row[0] in elsewhere]),
            )
        try:
            counts = _count_and_compare(mine, as_of, [row for row in others if row[0] not in elsewhere])
        except BaseException:
            if theirs:
                pool.shutdown(cancel_futures=True)
            raise
        if theirs:
            counts |= second_connection.finish(pool, differences)
        write_differences(now)
        reset_settings()
        seconds = time.perf_counter() - started
        SummaryRefresh.objects.filter(local_area__in=areas).delete()
        SummaryRefresh.objects.bulk_create(
            SummaryRefresh(
                local_area=area, as_of=as_of, refreshed_at=now, seconds=seconds, rows=counts.get(area.pk, 0)
            )
            for area in areas
        )
    kpi_summaries_refreshed.send(sender=KpiSummary, local_areas=areas, as_of=as_of)
    return [RefreshReport(area.code, counts.get(area.pk, 0), seconds) for area in areas]
