"""Schemathesis fuzzes every operation of /api/openapi.json as a caseworker and as a board member:
no answer is a server error, and every answer matches the schema the API publishes."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from sendtrack.accounts.services import issue_api_token
from sendtrack.wsgi import application
from tests.trust.casework_cast import *  # noqa: F403

# Read through the app itself: the schema view needs no database.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calling the WSGI app directly fires request_finished, which would close the test's
    connection mid-transaction; Django's own test client disconnects it in the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearers(caseworker, read_only_officer, child_case, uninvolved_case):
    """A caseworker and a board member, each with a bearer token."""
    return [
        {"Authorization": f"Bearer {issue_api_token(user=user, name='fuzzing')}"}
        for user in (caseworker, read_only_officer)
    ]


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_api_gives_no_server_error_and_keeps_to_its_schema(case, bearers):
    for headers in bearers:
        case.call_and_validate(headers=headers, checks=[not_a_server_error, response_schema_conformance])
