"""What an import did, or would have done: every import (cases, plans, other sources) answers with one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class ImportReport:
    """The counts and problems of one import.

    `unit` names what a row is ("cases", "actions", "rows") and `into` where they go (a plan's name).
    `errors` holds one entry a problem, saying where (line or row, column), the value and why; with
    any error nothing is stored. `written` is set once the rows are stored; `also` holds further
    counts worth saying ("milestones": 40).
    """

    unit: str = "rows"
    into: str = ""
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_file: int = 0
    errors: list[Any] = field(default_factory=list)
    warnings: list[Any] = field(default_factory=list)
    written: bool = False
    also: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """One line: "Imported 94 actions into Plan: 94 new, 0 changed, 0 unchanged." or why not."""
        if self.errors:
            problems = f"{len(self.errors)} problem{'' if len(self.errors) == 1 else 's'}"
            return f"Nothing imported: {problems} in {self.rows} {self.unit}"
        verb = "Imported" if self.written else "Would import"
        into = f" into {self.into}" if self.into else ""
        counts = ""
        if self.created + self.updated + self.unchanged:
            counts = f": {self.created} new, {self.updated} changed, {self.unchanged} unchanged"
        also = "".join(f"; {count} {name}" for name, count in self.also.items())
        return f"{verb} {self.rows} {self.unit}{into}{counts}{also}."
