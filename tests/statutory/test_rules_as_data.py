"""The rules are data: every rule cited, dated and in one module."""

from __future__ import annotations

import re
from pathlib import Path

import sendtrack.statutory as statutory
from sendtrack.statutory import RULE_SETS, RULES
from sendtrack.statutory.rules import EXCEPTION_REASONS, RULE_ORDER, rule_for
from tests.statutory.cases import d

PACKAGE = Path(statutory.__file__).parent


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


def test_no_module_but_rules_and_dates_knows_a_period() -> None:
    period = re.compile(r"\b(weeks|days|months)\(|\b\d+ (weeks|days|months)\b|timedelta\(\s*(weeks|days)=\d")
    for path in PACKAGE.glob("*.py"):
        if path.name in ("rules.py", "dates.py"):
            continue
        assert not period.search(path.read_text(encoding="utf-8")), path.name
