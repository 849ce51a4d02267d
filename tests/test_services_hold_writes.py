"""A services module (under `services/`, or `services.py`) changes state; a module that only reads is a
selector or a renderer, named so (`selectors.py`, `*_selectors.py`, `renderers.py`, `*_renderer.py`)."""

from __future__ import annotations

import re
from pathlib import Path

import sendtrack

SENDTRACK = Path(sendtrack.__file__).parent
WRITES = re.compile(
    r"transaction\.atomic|audit\(|\.save\(|\.create\(|\.update\(|\.delete\(|bulk_(create|update)|"
    r"update_or_create|get_or_create|insert_rows|send_mail|log_(access|export)|import_cases|enqueue"
)


def test_every_service_module_changes_something() -> None:
    modules = [
        path
        for path in [*SENDTRACK.glob("*/services/*.py"), *SENDTRACK.glob("*/services.py")]
        if path.name != "__init__.py" and "/migrations/" not in path.as_posix()
    ]
    assert len(modules) > 25
    read_only = {
        path.relative_to(SENDTRACK).as_posix()
        for path in modules
        if not WRITES.search(path.read_text(encoding="utf-8"))
    }
    assert read_only == set()
