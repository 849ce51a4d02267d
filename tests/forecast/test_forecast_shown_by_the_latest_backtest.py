"""Whether an area's pages show the forecast is the verdict of its latest backtest alone."""

from __future__ import annotations

import datetime as dt

from sendtrack.forecast.models import BacktestReport
from sendtrack.forecast.selectors import forecast_shown


def backtest(area, beats: bool, ran_at: dt.datetime) -> BacktestReport:
    return BacktestReport.objects.create(
        local_area=area,
        ran_at=ran_at,
        first=dt.date(2025, 6, 1),
        last=dt.date(2025, 7, 1),
        beats_baselines=beats,
    )


def test_the_latest_backtest_decides_for_every_area_asked(area, other_area):
    assert not forecast_shown([area.pk]) and not forecast_shown([])
    backtest(area, True, dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    assert forecast_shown([area.pk])
    assert not forecast_shown([area.pk, other_area.pk])
    backtest(other_area, True, dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    assert forecast_shown([area.pk, other_area.pk])
    backtest(area, False, dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    assert not forecast_shown([area.pk]) and not forecast_shown([area.pk, other_area.pk])
    backtest(area, True, dt.datetime(2026, 2, 1, tzinfo=dt.UTC))  # an older run does not count
    assert not forecast_shown([area.pk])
