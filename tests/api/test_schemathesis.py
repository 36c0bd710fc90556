"""The API against its own OpenAPI schema: schemathesis generates requests for every operation
(valid and invalid parameters and bodies) and checks that none gets a server error and that
every response matches the schema (status code, content type, body)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

from pmpath.accounts.services import create_token
from pmpath.wsgi import application


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """As Django's test client does: a request calling the app in-process must not close the
    database connection that holds the test's transaction (PostgreSQL would lose it)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(alice):
    from pmpath.jobs.services import ensure_stages

    ensure_stages(alice)
    return create_token(alice, name="schemathesis")[1]


# Loading the schema reads /api/v1/openapi.json through the app; that touches no table.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_every_operation_answers_within_its_schema(case, token):
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    # Left out: ignored_auth replays the request with broken credentials but keeps the header
    # given here (refusing requests without a valid token is tested per route in
    # tests/core/test_isolation.py, where charlie gets 401); positive_data_acceptance expects
    # every schema-valid body to succeed, but some rules span fields or need the data ("a name
    # or an e-mail address", "a stage of yours"), and those answer a documented 422 naming the
    # field.
    case.validate_response(response, excluded_checks=[ignored_auth, positive_data_acceptance])
