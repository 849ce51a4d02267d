"""The three weeks after an area SEND inspection notification (2023 framework), as dated tasks.

Pure Python. The handbook's day-by-day schedule could not be read (spec A4, marked [S] and [U]),
so every offset lives in `CLOCK`, the one table to change when the handbook says otherwise; the
clock page shows each row's evidence mark. Working days skip weekends and England's bank
holidays (the `holidays` package's England calendar: data shipped with the package, no network).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays

NOTIFICATION = "notification"
CHILDREN_NAMED = "children_named"


@dataclass(frozen=True)
class TaskRule:
    """A task due `working_days` after its anchor (the notification, or the day children are named).

    `lasts` is the number of working days the task spans (fieldwork is a week); `evidence` is the
    spec's mark for the offset: [S] seen in a council's account, [U] not read in any source.
    """

    key: str
    title: str
    owner: str
    working_days: int
    evidence: str
    anchor: str = NOTIFICATION
    lasts: int = 1


CLOCK: tuple[TaskRule, ...] = (
    TaskRule(
        "set_up_discussion", "Set-up discussion with inspectors", "Director of children's services", 2, "[S]"
    ),
    TaskRule(
        "surveys_sent", "Surveys sent to children, families and practitioners", "SEND manager", 2, "[S]"
    ),
    TaskRule(
        "information_request", "Information request returned (List 1, List 2)", "SEND manager", 4, "[U]"
    ),
    TaskRule("surveys_close", "Surveys close", "SEND manager", 5, "[S]"),
    TaskRule(
        "tracking_documents",
        "Tracking documents for the named children",
        "SEND manager",
        2,
        "[S]",
        anchor=CHILDREN_NAMED,
    ),
    TaskRule("fieldwork", "Fieldwork week on site", "Director of children's services", 10, "[S]", lasts=5),
)


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The working day `count` working days after `start` (0: `start` itself, or the next working day)."""
    day = start
    while not is_working_day(day):
        day += timedelta(days=1)
    for _ in range(count):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class PlannedTask:
    rule: TaskRule
    starts_on: date | None
    due_on: date | None
    done_on: date | None

    def status(self, today: date) -> str:
        """`done`, `late` (done after the due date, or still open past it), `waiting` (no date) or `to_do`."""
        if self.due_on is None:
            return "waiting"
        if self.done_on is not None:
            return "late" if self.done_on > self.due_on else "done"
        return "late" if today > self.due_on else "to_do"


def lay_out(
    *,
    notified_on: date,
    children_named_on: date | None = None,
    done: dict[str, date] | None = None,
    clock: tuple[TaskRule, ...] = CLOCK,
) -> list[PlannedTask]:
    """Every task of `clock` with its dates, in due order; a task waiting on its anchor comes last."""
    done = done or {}
    anchors = {NOTIFICATION: notified_on, CHILDREN_NAMED: children_named_on}
    tasks = []
    for rule in clock:
        anchor = anchors[rule.anchor]
        starts = due = None
        if anchor is not None:
            starts = add_working_days(anchor, rule.working_days)
            due = add_working_days(starts, rule.lasts - 1)
        tasks.append(PlannedTask(rule, starts, due, done.get(rule.key)))
    return sorted(tasks, key=lambda t: (t.due_on is None, t.due_on or notified_on))
