"""The demo's cases made chunk by chunk, as an import's workers make them, are the cases made in one go."""

from __future__ import annotations

from datetime import date
from functools import partial

from sendtrack.casework.services.import_rows import CasesMadeInChunks
from sendtrack.demo.generator import generate_cases, generate_chunk

AS_OF = date(2026, 11, 23)
TERMS = {"area_code": "999", "seed": 4, "as_of": AS_OF, "area_name": "Westmere"}


def test_chunks_that_do_not_divide_the_count_give_every_case_once_in_order() -> None:
    made = CasesMadeInChunks(partial(generate_chunk, **TERMS), 23, chunk=5)

    assert list(made.chunks()) == [(0, 5), (5, 10), (10, 15), (15, 20), (20, 23)]
    assert list(made) == list(generate_cases(children=23, **TERMS))


def test_a_chunk_made_alone_is_that_slice_of_the_area() -> None:
    every = list(generate_cases(children=12, **TERMS))
    assert generate_chunk(7, 12, **TERMS) == every[7:12]
    assert len({case["case_ref"] for case in every}) == 12
