"""The binding specifications live in docs/spec/, every citation points there, and they stay in step.

The shared originals sit beside the repository (`../shared/spec/`) where the partnership keeps them;
a clone on its own has only docs/spec/, and the comparison is then skipped.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "docs" / "spec"
SHARED = Path(os.environ.get("SENDTRACK_SHARED_SPEC", ROOT.parent / "shared" / "spec"))
SPEC_NAMES = sorted(path.name for path in SPEC.glob("*.md"))
# Files whose citation is being pointed at docs/spec/ by the work that owns them (the SEN2 mapping).
CITATIONS_PENDING = {"src/sendtrack/interchange/sen2.py"}
CITATION = re.compile(r"(?<![\w/.-])(?:[\w./-]*/)?(" + "|".join(map(re.escape, SPEC_NAMES)) + r")")


def _tracked_text_files() -> list[Path]:
    names = subprocess.run(
        ["git", "ls-files", "src", "tests", "docs", "bench", "README.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [
        ROOT / name
        for name in names
        if name.endswith((".py", ".md", ".html", ".txt"))
        and not name.startswith("docs/spec/")
        and name not in CITATIONS_PENDING
        and name != "tests/test_specs_travel_with_the_code.py"  # names the specs to find them
    ]


def test_the_four_binding_specs_are_in_the_repository() -> None:
    assert SPEC_NAMES == [
        "case-events.md",
        "improvement-plan.md",
        "inspection-and-plan-quality.md",
        "sen2-notes.md",
    ]


@pytest.mark.parametrize("name", SPEC_NAMES)
def test_each_spec_is_the_same_as_the_shared_original(name: str) -> None:
    if not SHARED.is_dir():
        pytest.skip(f"no shared specifications at {SHARED}")
    ours = (SPEC / name).read_text(encoding="utf-8")
    shared = (SHARED / name).read_text(encoding="utf-8")
    assert ours == shared, f"docs/spec/{name} differs from {SHARED / name}: copy the new version in"


def test_every_citation_of_a_spec_names_its_place_in_docs_spec() -> None:
    stray = []
    for path in _tracked_text_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in CITATION.finditer(line):
                if match.group(0) != f"docs/spec/{match.group(1)}":
                    stray.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)}")
    assert stray == []
