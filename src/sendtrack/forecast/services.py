"""Work out, store and check an area's forecast. The arithmetic is in the plain modules beside this one."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.casework.models import Case, CaseEvent, Milestone
from sendtrack.forecast.area import AreaForecast, forecast_area
from sendtrack.forecast.backtest import backtest, beats_baselines
from sendtrack.forecast.model import DEFAULT_WINDOW_MONTHS
from sendtrack.forecast.models import BacktestReport, ForecastRun, StepForecast
from sendtrack.forecast.predict import final_plan_limit
from sendtrack.forecast.steps import FORECAST_RULES, Step, steps_on
from sendtrack.statutory import CaseFile, CaseFileError, parse_case
from sendtrack.statutory.dates import months_before


def stored_steps(area: LocalArea, as_of: date, window_months: int = DEFAULT_WINDOW_MONTHS) -> list[Step]:
    """The area's steps from the milestones of the last refresh: history in the window, and all open steps."""
    window_start = months_before(as_of, window_months)
    rows = (
        Milestone.objects.filter(local_area=area, rule_name__in=FORECAST_RULES)
        .filter(Q(start__gte=window_start) | Q(completed__isnull=True))
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
    return [
        Step(
            case_ref=case_ref,
            journey=journey.isoformat() if journey else None,
            key=rule,
            rule_name=rule_name,
            start=start,
            due=due,
            completed=completed,
            closed=status == "not_applicable",
            excepted=excepted,
            organisation=organisation or "",
        )
        for case_ref, journey, rule, rule_name, start, due, completed, status, excepted, organisation in rows
    ]


def area_case_files(area: LocalArea) -> list[CaseFile]:
    """Every case of the area as a parsed case file of its current events (corrections applied)."""
    refs = dict(Case.objects.filter(local_area=area).values_list("pk", "case_ref"))
    events: dict[int, list[dict]] = defaultdict(list)
    rows = (
        CaseEvent.objects.filter(case__local_area=area, corrections__isnull=True)
        .exclude(type=CaseEvent.REMOVED)
        .order_by("case_id", "position", "pk")
        .values_list("case_id", "data")
    )
    for case_id, data in rows.iterator(chunk_size=5000):
        events[case_id].append(data)
    files = []
    for case_id, case_ref in refs.items():
        try:
            files.append(parse_case({"case_ref": case_ref, "events": events.get(case_id, [])}))
        except CaseFileError:
            continue  # stored events were checked on the way in; a file that no longer parses is skipped
    return files


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
    result = forecast_area(stored_steps(area, as_of, window_months), as_of, window_months)
    from sendtrack.forecast.summary import summary_json

    case_ids = dict(Case.objects.filter(local_area=area).values_list("case_ref", "pk"))
    seconds = time.perf_counter() - started
    with transaction.atomic():
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
        StepForecast.objects.bulk_create(
            [
                StepForecast(
                    run=run,
                    case_id=case_ids[f.step.case_ref],
                    local_area=area,
                    rule=f.step.key,
                    journey=date.fromisoformat(f.step.journey) if f.step.journey else None,
                    start=f.step.start,
                    due=f.step.due,
                    chance_late=f.chance_late,
                    expected=f.expected,
                    earliest=f.earliest,
                    latest=f.latest,
                    excepted=f.step.excepted,
                    reason=f.reason,
                )
                for f in result.forecasts
                if f.step.case_ref in case_ids
            ],
            batch_size=2000,
        )
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
) -> BacktestReport:
    """Forecast the area's past on each date from `first` to `last`, score it, and keep the report."""
    truth_date = truth_date or timezone.localdate()
    report = backtest(area_case_files(area), first, last, truth_date, step=step, window_months=window_months)
    return BacktestReport.objects.create(
        local_area=area,
        first=first,
        last=last,
        step=step,
        report=report,
        beats_baselines=beats_baselines(report),
    )
