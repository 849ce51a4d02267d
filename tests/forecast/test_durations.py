"""The Kaplan-Meier curve behind every forecast, checked on worked examples."""

from __future__ import annotations

import pytest

from sendtrack.forecast.survival import TAIL_DAYS, Durations


def test_survival_counts_unfinished_steps_as_at_least_that_long():
    # Finished after 10, 20 and 30 days; one still open after 25 days.
    curve = Durations([(10, True), (20, True), (25, False), (30, True)])

    assert curve.survival(9) == 1.0
    assert curve.survival(10) == pytest.approx(0.75)
    assert curve.survival(20) == pytest.approx(0.5)
    # The open step leaves the risk set at 25 days, so the last finisher takes all that remains.
    assert curve.survival(30) == pytest.approx(0.0)
    assert curve.finished == 3


def test_leaving_out_unfinished_steps_would_make_the_step_look_faster():
    with_open = Durations([(10, True), (20, True), (60, False), (60, False)])
    finished_only = Durations([(10, True), (20, True)])

    assert with_open.survival(30) == pytest.approx(0.5)
    assert finished_only.survival(30) == 0.0


def test_the_chance_of_running_late_is_given_the_days_already_waited():
    curve = Durations([(days, True) for days in (20, 30, 40, 50, 60, 70, 80, 90)])

    fresh = curve.chance_longer(42, 0)
    waited = curve.chance_longer(42, 35)

    # 5 of 8 take more than 42 days; of the 6 still open after 35 days, 5 do.
    assert fresh == pytest.approx(5 / 8)
    assert waited == pytest.approx(5 / 6)
    assert curve.chance_longer(42, 42) == 1.0


def test_quantiles_of_the_remaining_time_lie_after_the_wait():
    curve = Durations([(days, True) for days in (20, 30, 40, 50, 60, 70, 80, 90)])

    assert curve.median() == 50
    assert curve.quantile(0.5, 55) == 70
    assert curve.quantile(0.1, 55) > 55


def test_a_wait_longer_than_any_in_the_history_assumes_the_tail():
    curve = Durations([(20, True), (30, True)])

    assert curve.quantile(0.5, 45) == 45 + TAIL_DAYS
    assert curve.chance_longer(60, 45) == 1.0
    assert curve.chance_longer(100, 45) == 0.0
