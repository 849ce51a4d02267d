"""`sendtrack forecast` and `sendtrack forecast-backtest`."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sendtrack.forecast.models import BacktestReport, ForecastRun


def test_forecast_as_of_a_past_date_prints_json_from_events_known_then(history):
    out = StringIO()

    call_command("forecast", "--area", "999", "--as-of", "2026-02-01", "--json", stdout=out)

    data = json.loads(out.getvalue())
    assert data["as_of"] == "2026-02-01" and data["area"] == "999"
    refs = {step["case_ref"] for step in data["steps"] if step["step"] == "final_plan"}
    # NB-9003 was received on 19 January 2026 and NB-9001 on 1 December 2025: both open then.
    assert {"NB-9001", "NB-9003"} <= refs
    assert set(data["summary"]) >= {"months", "year_end", "queues", "what_ifs", "expected_breaches"}


def test_forecast_today_refreshes_the_stored_forecast(history):
    ForecastRun.objects.all().delete()
    out = StringIO()

    call_command("forecast", "--area", "999", stdout=out)

    assert ForecastRun.objects.filter(local_area=history, as_of="2026-03-16").exists()
    assert "3 open requests" in out.getvalue()


def test_the_backtest_stores_its_report_and_prints_it_as_json(history):
    out = StringIO()

    call_command(
        "forecast_backtest",
        "--area",
        "999",
        "--from",
        "2025-10-01",
        "--to",
        "2025-12-01",
        "--json",
        stdout=out,
    )

    report = json.loads(out.getvalue())
    assert report["as_of_dates"] == ["2025-10-01", "2025-11-01", "2025-12-01"]
    stored = BacktestReport.objects.get(local_area=history)
    assert stored.report == report and stored.first.isoformat() == "2025-10-01"


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("2025-13-01", "2025-12-01", "--from must be a date in the form YYYY-MM-DD"),
        ("2025-12-01", "2025-10-01", "--to must be on or after --from"),
        ("2026-01-01", "2026-03-16", "--to must be before today"),
    ],
)
def test_the_backtest_refuses_bad_dates_with_a_clear_message_and_stores_nothing(
    history, first, last, message
):
    with pytest.raises(CommandError, match=message):
        call_command("forecast_backtest", "--area", "999", "--from", first, "--to", last)

    assert not BacktestReport.objects.exists()
