"""Every casework service either writes its audit row or says why not, generated from the services.

The list is `casework.services.__all__`, the package's public actions. A new service there fails
these tests until it is marked `audited(verb)` (and is seen writing a row with that verb and
before and after values) or `not_audited(reason, writes=...)` (and is seen writing nothing else),
and until an example call is added to `EXAMPLES` below. A function in a services module that opens
a transaction is a service, so it must be on the list too.
"""

from __future__ import annotations

import ast
import copy
import datetime as dt
import inspect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext

from sendtrack.accounts.models import User
from sendtrack.casework import services
from sendtrack.casework.models import Case, CaseEvent
from sendtrack.core.models import AuditEvent
from tests.casework.conftest import CHILD

SERVICES = sorted(name for name in services.__all__ if inspect.isfunction(getattr(services, name)))
SERVICES_DIR = Path(services.__file__).parent
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


@dataclass
class Cast:
    case: Case
    caseworker: User


def changed_child() -> list[str]:
    child = copy.deepcopy(CHILD)
    child["person"]["given_name"] = "Lilly"
    return [json.dumps(child)]


EXAMPLES: dict[str, Callable[[Cast], Any]] = {
    "record_event": lambda c: services.record_event(
        case=c.case,
        by=c.caseworker,
        event={"type": "advice_received", "date": "2026-03-02", "from": "health"},
    ),
    "record_event_in_transaction": lambda c: services.record_event_in_transaction(
        case=c.case,
        by=c.caseworker,
        event={"type": "advice_received", "date": "2026-03-03", "from": "health"},
    ),
    "correct_event": lambda c: services.correct_event(
        case=c.case,
        by=c.caseworker,
        original=CaseEvent.objects.get(case=c.case, type="setting_consulted"),
        event={"type": "setting_consulted", "date": "2026-02-21", "setting": "131204"},
        reason="The letter went a day later",
    ),
    "update_case_details": lambda c: services.update_case_details(
        case=c.case,
        by=c.caseworker,
        version=c.case.version,
        details={"given_name": "Lilly", "family_name": "Brown", "caseworker": c.caseworker},
    ),
    "import_cases": lambda c: services.import_cases(changed_child(), area=c.case.local_area, by=c.caseworker),
    "record_panel_meeting": lambda c: services.record_panel_meeting(
        area=c.case.local_area,
        by=c.caseworker,
        held_on=dt.date(2026, 3, 12),
        name="EHC panel",
        agencies_present=["education", "health"],
    ),
    "refresh_milestones": lambda c: services.refresh_milestones(case=c.case),
    "refresh_area": lambda c: services.refresh_area(cases=Case.objects.filter(pk=c.case.pk)),
}


@pytest.fixture
def cast(child_case, caseworker) -> Cast:
    return Cast(case=child_case, caseworker=caseworker)


def run(name: str, cast: Cast) -> tuple[set[str], list[AuditEvent]]:
    """Call the service's example; the tables its SQL wrote to, and the audit rows it added."""
    assert name in EXAMPLES, f"Add an example call of casework.services.{name} to EXAMPLES"
    last = AuditEvent.objects.aggregate(last=Max("pk"))["last"] or 0
    with CaptureQueriesContext(connection) as queries:
        EXAMPLES[name](cast)
    tables = {m.group(1) for q in queries.captured_queries if (m := WRITE.match(q["sql"]))}
    return tables, list(AuditEvent.objects.filter(pk__gt=last).order_by("pk"))


@pytest.mark.parametrize("name", SERVICES)
def test_every_service_says_whether_it_writes_an_audit_row(name):
    service = getattr(services, name)
    audited = hasattr(service, "audit_verb")
    unaudited = bool(getattr(service, "not_audited_because", ""))
    assert audited != unaudited, f"Mark casework.services.{name} with audited(verb) or not_audited(reason)"


@pytest.mark.parametrize("name", [n for n in SERVICES if hasattr(getattr(services, n), "audit_verb")])
def test_an_audited_service_writes_one_row_with_its_verb_and_what_changed(name, cast):
    service = getattr(services, name)

    tables, rows = run(name, cast)

    assert tables - {AuditEvent._meta.db_table}, f"{name}'s example changed nothing"
    assert [row.verb for row in rows] == [service.audit_verb]
    row = rows[0]
    assert row.actor == cast.caseworker
    assert row.local_area_id == cast.case.local_area_id
    changes = row.detail.get("changes") or {}
    cases = row.detail.get("cases_created", []) + row.detail.get("cases_changed", [])
    assert changes or cases, f"{name}'s audit row says nothing about what changed"
    for change in changes.values():
        assert set(change) == {"before", "after"} and change["before"] != change["after"]


@pytest.mark.parametrize(
    "name", [n for n in SERVICES if hasattr(getattr(services, n), "not_audited_because")]
)
def test_a_service_without_an_audit_row_writes_only_what_it_declares(name, cast):
    service = getattr(services, name)

    tables, rows = run(name, cast)

    assert rows == []
    assert tables <= {model._meta.db_table for model in service.writes_only}


def opens_a_transaction(function: ast.FunctionDef) -> bool:
    nodes = [*function.decorator_list, *ast.walk(function)]
    return any(isinstance(n, ast.Attribute) and n.attr == "atomic" for n in nodes)


def test_every_function_that_opens_a_transaction_in_the_services_is_on_the_list():
    found = {
        node.name
        for path in SERVICES_DIR.glob("*.py")
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.FunctionDef) and opens_a_transaction(node)
    }

    assert found, "the walk found no service at all"
    assert found <= set(SERVICES), f"Export these from casework.services: {sorted(found - set(SERVICES))}"
