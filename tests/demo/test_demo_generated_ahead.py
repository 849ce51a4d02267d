"""Cases made in a second process, chunk by chunk, are the cases made in this one, in the same order."""

from __future__ import annotations

from datetime import date

from sendtrack.demo.generator import generate_cases, generate_cases_ahead

AS_OF = date(2026, 11, 23)
ADVICE_TO = {"health": "Northbridge Community Health"}


def test_cases_made_ahead_in_chunks_are_the_same_cases_in_the_same_order() -> None:
    here = list(generate_cases("999", 23, 4, AS_OF, area_name="Westmere", advice_to=ADVICE_TO))
    ahead = list(
        generate_cases_ahead("999", 23, 4, AS_OF, area_name="Westmere", advice_to=ADVICE_TO, chunk=5, ahead=2)
    )
    assert [case["case_ref"] for case in ahead] == [case["case_ref"] for case in here]
    assert ahead == here


def test_a_reader_that_stops_early_gets_the_first_cases() -> None:
    cases = generate_cases_ahead("999", 40, 1, AS_OF, chunk=4)
    first = [next(cases) for _ in range(6)]
    cases.close()
    assert first == list(generate_cases("999", 6, 1, AS_OF))
