"""An API module reads through selectors and writes through services; it never imports a view module."""

from __future__ import annotations

import ast
from pathlib import Path

import sendtrack

SENDTRACK = Path(sendtrack.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def test_no_api_module_imports_a_view_module() -> None:
    api_modules = sorted(SENDTRACK.glob("**/api.py"))
    assert len(api_modules) >= 4
    found = {
        (path.relative_to(SENDTRACK).as_posix(), module)
        for path in api_modules
        for module in _imported_modules(path)
        if ".views" in module
    }
    assert found == set()
