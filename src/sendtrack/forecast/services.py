"""Work out, store and check an area's forecast. The arithmetic is in the plain modules beside this one."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Mod
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.casework.models import Case, CaseEvent, Milestone
from sendtrack.casework.services.bulk import insert_rows
from sendtrack.core.timing import logged_time
from sendtrack.forecast.area import AreaForecast, forecast_area
from sendtrack.forecast.backtest import backtest, beats_baselines
from sendtrack.forecast.gather import forecast_by_case
from sendtrack.forecast.model import DEFAULT_WINDOW_MONTHS
from sendtrack.forecast.models import BacktestReport, ForecastRun, StepForecast
from sendtrack.forecast.predict import final_plan_limit
from sendtrack.forecast.steps import FORECAST_RULES, Step, steps_on
from sendtrack.statutory import CaseFile, CaseFileError, parse_case
from sendtrack.statutory.dates import months_before

# A stored step forecast's columns, written as plain rows by COPY: England's 300,155 open steps took
# 25.7 s as model instances, 3.9 s so.
STEP_FORECAST_COLUMNS = [
    "run_id",
    "case_id",
    "local_area_id",
    "rule",
    "journey",
    "start",
    "due",
    "chance_late",
    "expected",
    "earliest",
    "latest",
    "excepted",
    "reason",
]


def stored_steps(area: LocalArea, as_of: date, window_months: int = DEFAULT_WINDOW_MONTHS) -> Iterator[Step]:
    """The area's steps from the milestones of the last refresh: history in the window, and all open steps.

    In case order (a case's steps together, as the import wrote them), read a chunk of rows at a time,
    each value held once however many steps share it (a case's reference, a date, a rule): a whole
    country's steps are millions.
    """
    window_start = months_before(as_of, window_months)
    rows = (
        Milestone.objects.filter(local_area=area, rule_name__in=FORECAST_RULES)
        .filter(Q(start__gte=window_start) | Q(completed__isnull=True))
        .order_by("case_id", "pk")
        .values_list(
            "case__case_ref",
            "journey",
            "rule",
            "rule_name",
            "start",
            "due",
            "completed",
            "status",
            "excepted",
            "organisation__name",
        )
    )
    shared: dict[Any, Any] = {None: None}
    one = shared.setdefault
    journeys: dict[date | None, str | None] = {None: None}
    case = ""
    for row in rows.iterator(chunk_size=5000):
        case_ref, journey, rule, rule_name, start, due, completed, status, excepted, organisation = row
        if case_ref != case:
            case = case_ref
        if journey is not None and journey not in journeys:
            journeys[journey] = journey.isoformat()
        yield Step(
            case_ref=case,
            journey=journeys[journey],
            key=one(rule, rule),
            rule_name=one(rule_name, rule_name),
            start=one(start, start),
            due=one(due, due),
            completed=one(completed, completed),
            closed=status == "not_applicable",
            excepted=excepted,
            organisation=one(organisation, organisation) or "",
        )


def area_case_files(area: LocalArea, every: int = 1) -> list[CaseFile]:
    """Every case of the area (or every `every`-th by id) as a parsed case file of its current events
    (corrections applied), each parsed as soon as its events are read."""
    cases = Case.objects.filter(local_area=area)
    corrected = CaseEvent.objects.filter(supersedes=OuterRef("pk"))
    rows = (
        CaseEvent.objects.filter(case__local_area=area)
        .exclude(type=CaseEvent.REMOVED)
        .filter(~Exists(corrected))
    )
    if every > 1:
        cases = cases.annotate(slot=Mod("pk", every)).filter(slot=0)
        rows = rows.annotate(slot=Mod("case_id", every)).filter(slot=0)
    refs = dict(cases.values_list("pk", "case_ref"))
    parsed: dict[int, CaseFile | None] = {}
    events: list[dict[str, Any]] = []
    current = None
    ordered = rows.order_by("case_id", "position", "pk").values_list("case_id", "data")
    for case_id, data in ordered.iterator(chunk_size=5000):
        if case_id != current:
            _parse_into(parsed, refs, current, events)
            current, events = case_id, []
        events.append(data)
    _parse_into(parsed, refs, current, events)
    files = []
    for case_id in refs:
        if case_id not in parsed:
            _parse_into(parsed, refs, case_id, [])
        if (found := parsed.pop(case_id)) is not None:
            files.append(found)
    return files


def _parse_into(
    parsed: dict[int, CaseFile | None],
    refs: dict[int, str],
    case_id: int | None,
    events: list[dict[str, Any]],
) -> None:
    """Parse one case's events; a file that no longer parses is kept as None and skipped (its
    stored events were checked on the way in)."""
    if case_id is None or case_id not in refs:
        return
    try:
        parsed[case_id] = parse_case({"case_ref": refs[case_id], "events": events})
    except CaseFileError:
        parsed[case_id] = None


def forecast_past(area: LocalArea, as_of: date, window_months: int = DEFAULT_WINDOW_MONTHS) -> AreaForecast:
    """The forecast as it would have been made on `as_of`, from events dated up to it (not stored)."""
    return forecast_area(steps_on(area_case_files(area), as_of), as_of, window_months)


@dataclass(frozen=True)
class RefreshReport:
    area: LocalArea
    as_of: date
    steps: int
    open_requests: int
    expected_breaches: float
    seconds: float

    def summary(self) -> str:
        return (
            f"{self.area.name}: forecast {self.steps} open steps of {self.open_requests} open requests "
            f"as of {self.as_of.isoformat()}; {self.expected_breaches} final plans expected to miss "
            f"{final_plan_limit(self.as_of)} "
            f"({self.seconds:.1f}s)"
        )


def refresh_forecast(
    *, area: LocalArea, as_of: date | None = None, window_months: int = DEFAULT_WINDOW_MONTHS
) -> RefreshReport:
    """Rebuild the area's stored forecast from its milestones (recompute, never increment)."""
    as_of = as_of or timezone.localdate()
    started = time.perf_counter()
    with logged_time("forecast: steps read, counted and forecast"):
        result = forecast_by_case(stored_steps(area, as_of, window_months), as_of, window_months)
    from sendtrack.forecast.summary import summary_json

    refs = {f.step.case_ref for f in result.forecasts}
    cases = Case.objects.filter(local_area=area).values_list("case_ref", "pk").iterator(5000)
    with logged_time("forecast: case ids"):
        case_ids = {ref: pk for ref, pk in cases if ref in refs}
    seconds = time.perf_counter() - started
    with transaction.atomic(), logged_time("forecast: written"):
        run, _ = ForecastRun.objects.update_or_create(
            local_area=area,
            defaults={
                "as_of": as_of,
                "computed_at": timezone.now(),
                "window_months": window_months,
                "seconds": seconds,
                "summary": summary_json(result.summary),
            },
        )
        StepForecast.objects.filter(local_area=area).delete()
        rows = (
            (
                run.pk,
                case_ids[f.step.case_ref],
                area.pk,
                f.step.key,
                date.fromisoformat(f.step.journey) if f.step.journey else None,
                f.step.start,
                f.step.due,
                f.chance_late,
                f.expected,
                f.earliest,
                f.latest,
                f.step.excepted,
                f.reason,
            )
            for f in result.forecasts
            if f.step.case_ref in case_ids
        )
        insert_rows(StepForecast, STEP_FORECAST_COLUMNS, rows)
    return RefreshReport(
        area,
        as_of,
        len(result.forecasts),
        result.summary.open_requests,
        result.summary.expected_breaches,
        time.perf_counter() - started,
    )


def run_backtest(
    *,
    area: LocalArea,
    first: date,
    last: date,
    step: str = "month",
    truth_date: date | None = None,
    window_months: int = DEFAULT_WINDOW_MONTHS,
    every: int = 1,
) -> BacktestReport:
    """Forecast the area's past on each date from `first` to `last`, score it, and keep the report.

    `every` above 1 backtests every `every`-th case by id only: a sample, for an area too large to
    hold every case file at once (the backtest derives each case on every date).
    """
    truth_date = truth_date or timezone.localdate()
    cases = area_case_files(area, every)
    report = backtest(cases, first, last, truth_date, step=step, window_months=window_months)
    return BacktestReport.objects.create(
        local_area=area,
        first=first,
        last=last,
        step=step,
        report=report,
        beats_baselines=beats_baselines(report),
    )
