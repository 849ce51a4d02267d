"""Each part of sendtrack imports only the parts below it, so a reader can learn it from the bottom up
and a change low down is never surprised by code above it.

The order, lowest first, is `LAYERS`; the modules at the top (settings, URLs, the API, the command
line) may import anything. An import inside a function counts the same as one at the top of a file.
"""

from __future__ import annotations

import ast
import pathlib

import sendtrack

LAYERS = (
    "env",
    "statutory",
    "interchange",
    "accounts",
    "command_options",
    "core",
    "jobs",
    "messaging",
    "casework",
    "documents",
    "intake",
    "ehcplan",
    "performance",
    "forecast",
    "improvement",
    "inspection",
    "portal",
    "demo",
)
TOP = {"settings", "urls", "api", "cli", "wsgi", "asgi", "__init__", "__main__"}
SOURCE = pathlib.Path(sendtrack.__file__).parent
# Imports upward still to be turned round (a template tag, a registry filled when the app above is
# ready); the test fails on any other, and when one is gone it must leave this list.
NOT_YET_TURNED_ROUND: set[str] = set()


def part_of(name: str) -> str:
    """The layer a dotted module name belongs to: `sendtrack.casework.models` -> `casework`."""
    return name.split(".")[1]


def imports_of(path: pathlib.Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names if node.module == "sendtrack")
    return {name for name in found if name.startswith("sendtrack.")}


def upward_imports() -> list[str]:
    wrong = []
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE)
        if "migrations" in relative.parts:
            continue
        here = relative.parts[0].removesuffix(".py")
        if here in TOP:
            continue
        for name in sorted(imports_of(path)):
            there = part_of(name)
            if there in TOP or LAYERS.index(there) > LAYERS.index(here):
                wrong.append(f"{relative} ({here}) imports {name} ({there})")
    return wrong


def test_every_part_is_in_a_layer():
    parts = {
        path.name.removesuffix(".py")
        for path in SOURCE.iterdir()
        if path.suffix == ".py" or (path / "__init__.py").exists()
    }
    assert parts - TOP == set(LAYERS)


def test_no_part_imports_one_above_it():
    assert set(upward_imports()) == NOT_YET_TURNED_ROUND


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("def f():\n    from sendtrack.portal.selectors import family_panel\n")
    assert imports_of(module) == {"sendtrack.portal.selectors"}
