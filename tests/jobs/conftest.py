"""Case files for the job tests, and the clock of the casework tests."""

from __future__ import annotations

import copy
import json

import pytest

from tests.casework.conftest import CHILD, fixed_clock  # noqa: F401


def case_file_text(count: int = 3) -> str:
    lines = []
    for n in range(1, count + 1):
        case = copy.deepcopy(CHILD)
        case["case_ref"] = f"NB-{n:04d}"
        case["person"]["ref"] = f"P{n:04d}"
        lines.append(json.dumps(case))
    return "\n".join(lines) + "\n"


@pytest.fixture
def immediate_jobs(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.JOBS_BACKEND = "immediate"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
