"""The rules are data: every rule cited, dated and in one module."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import sendtrack
import sendtrack.statutory as statutory
from sendtrack.statutory import RULE_SETS, RULES
from sendtrack.statutory.dates import Days, Weeks
from sendtrack.statutory.rules import DRAFT_COMMENT_PERIOD, EXCEPTION_REASONS, RULE_ORDER, rule_for
from tests.statutory.cases import d

PACKAGE = Path(statutory.__file__).parent
SENDTRACK = Path(sendtrack.__file__).parent


def test_every_rule_of_the_table_has_a_cited_dated_record() -> None:
    assert {rule.name for rule in RULES} == set(RULE_ORDER)
    for rule in RULES:
        assert rule.citation
        assert rule.basis in ("statute", "guidance")
        assert rule.effective_to is None or rule.effective_to > rule.effective_from
        assert rule.period.phrase  # the words the explanation uses


def test_every_rule_belongs_to_a_rule_set_that_took_effect_on_or_before_it() -> None:
    for rule_set in RULE_SETS:
        assert rule_set.id and rule_set.effective_from
        for rule in rule_set.rules:
            assert rule.effective_from >= rule_set.effective_from


def test_each_exception_a_rule_allows_cites_a_paragraph_of_law() -> None:
    for rule in RULES:
        for reason, citation in rule.exceptions.items():
            assert reason in EXCEPTION_REASONS
            assert "reg." in citation, (rule.name, reason)


def test_no_rule_is_in_force_before_the_send_regulations_2014() -> None:
    assert rule_for("final_plan", d("2014-08-31")) is None
    assert rule_for("final_plan", d("2014-09-01")) is not None


def test_no_statutory_module_but_rules_and_dates_names_a_period_even_in_words() -> None:
    period = re.compile(r"\b(weeks|days|months)\(|\b\d+ (weeks|days|months)\b|timedelta\(\s*(weeks|days)=\d")
    for path in PACKAGE.glob("*.py"):
        if path.name in ("rules.py", "dates.py"):
            continue
        assert not period.search(path.read_text(encoding="utf-8")), path.name


# Named windows whose length happens to equal a time limit but which are local choices, not law.
NOT_TIME_LIMITS = {
    "REVIEW_DUE_SOON_WINDOW": "how far ahead the reviews page looks",
    "PLAN_IMPORTED_BEFORE_FIRST_MEETING": "when the demo's improvement plan is loaded",
    "QUIET_DAYS": "how long without news before a family is told nothing has changed",
}
PERIOD_CALLS = {"timedelta": 1, "days": 1, "Days": 1, "weeks": 7, "Weeks": 7}


def _statutory_lengths_in_days() -> set[int]:
    periods = [rule.period for rule in RULES] + [DRAFT_COMMENT_PERIOD]
    return {period.delta.days for period in periods if isinstance(period, Weeks | Days)}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _int(node: ast.AST) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    return None


def _periods_in(tree: ast.AST) -> Iterator[tuple[int, int]]:
    """(line, length in days) of every whole number the code uses as a period of days or weeks."""
    skip: set[ast.AST] = set()
    for node in ast.walk(tree):
        if node in skip:
            continue
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {_name(target) for target in targets}
            if names & NOT_TIME_LIMITS.keys():
                skip.update(ast.walk(node))
                continue
            value = _int(node.value) if node.value is not None else None
            for name in names:
                if value is not None and name.upper().endswith(("_DAYS", "_WEEKS")):
                    yield node.lineno, value * (7 if name.upper().endswith("_WEEKS") else 1)
        elif isinstance(node, ast.Call) and _name(node.func) in PERIOD_CALLS:
            unit = PERIOD_CALLS[_name(node.func)]
            values = [(_int(node.args[0]), unit)] if node.args else []
            values += [(_int(k.value), 7 if k.arg == "weeks" else 1) for k in node.keywords]
            for value, scale in values:
                if value is not None:
                    yield node.lineno, value * scale
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_name(side) == "days" or _name(side).endswith("_days") for side in sides):
                for side in sides:
                    value = _int(side)
                    if value is not None:
                        yield node.lineno, value


def test_no_module_in_the_package_hard_codes_a_statutory_period() -> None:
    """A time limit counted in days or weeks is read from `statutory.rules`, wherever it is used."""
    statutory_lengths = _statutory_lengths_in_days()
    assert {42, 140} <= statutory_lengths  # 6 and 20 weeks
    found = []
    for path in sorted(SENDTRACK.rglob("*.py")):
        relative = path.relative_to(SENDTRACK).as_posix()
        if "/migrations/" in relative or relative in ("statutory/rules.py", "statutory/dates.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{relative}:{line}" for line, days in _periods_in(tree) if days in statutory_lengths]
    assert found == []


def test_the_period_guard_sees_each_way_of_writing_a_period() -> None:
    code = (
        "FINAL_PLAN_DAYS = 140\n"
        "a = timedelta(weeks=6)\n"
        "b = timedelta(42)\n"
        "if gap.days > 28: pass\n"
        "c = weeks(8)\n"
        "d = timedelta(days=40)\n"
        "REVIEW_DUE_SOON_WINDOW = timedelta(weeks=8)\n"
    )
    assert list(_periods_in(ast.parse(code))) == [(1, 140), (2, 42), (3, 42), (4, 28), (5, 56), (6, 40)]
