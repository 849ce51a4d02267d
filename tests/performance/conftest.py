"""A generated local area for the performance tests: the demo generator's case files, imported
through casework's own import, with the KPI summaries refreshed as of a fixed date."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sendtrack.casework.services import import_cases
from sendtrack.demo.generator import generate_cases
from sendtrack.performance.services.refresh import refresh_summaries

AS_OF = date(2026, 11, 2)
CHILDREN = 300
SEED = 7


@pytest.fixture(scope="session")
def demo_case_files() -> list[dict]:
    return list(generate_cases("999", CHILDREN, SEED, AS_OF))


@pytest.fixture
def demo_area(area, demo_case_files):
    """Northbridge with the generated cases imported and its summaries refreshed."""
    report = import_cases((json.dumps(case) for case in demo_case_files), area=area, as_of=AS_OF)
    assert report.ok, report.errors[:3]
    refresh_summaries(area=area, as_of=AS_OF)
    return area
