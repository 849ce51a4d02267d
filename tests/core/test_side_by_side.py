"""Two pieces of work side by side: both results come back, and an error in
either is raised once both have ended."""

from __future__ import annotations

import threading

import pytest

from sendtrack.core.side_by_side import side_by_side


def test_both_results_come_back_and_the_first_ran_in_another_thread():
    here = threading.get_ident()

    first, second = side_by_side(lambda: threading.get_ident(), lambda: "second")

    assert first != here and second == "second"


def test_an_error_in_the_other_thread_is_raised_after_this_one_has_finished():
    finished = []

    def first():
        raise ValueError("in the thread")

    with pytest.raises(ValueError, match="in the thread"):
        side_by_side(first, lambda: finished.append(True))
    assert finished == [True]


def test_an_error_here_waits_for_the_other_thread():
    finished = []
    gate = threading.Event()

    def first():
        gate.wait(5)
        finished.append(True)

    def second():
        gate.set()
        raise ValueError("here")

    with pytest.raises(ValueError, match="here"):
        side_by_side(first, second)
    assert finished == [True]
