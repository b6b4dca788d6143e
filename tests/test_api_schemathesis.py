"""Schemathesis drives the read endpoints from /api/openapi.json through Django's WSGI app.

No network: requests go straight into the WSGI application. The plan is loaded and a small
warehouse is built, so the endpoints answer with data, not only with "not loaded yet". Every
response must be documented in the spec (status code, content type, body schema) and no input
the spec allows may cause a server error. Examples are bounded so the run stays short.

The schema is loaded when the module is imported (pytest-django has set Django up by then, and
the spec view reads no database): schemathesis's fixture-based loader (``from_fixture``) uses
a pytest internal that pytest 9.2 no longer has.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from hzdigital.plan.services import plan_load
from hzdigital.wsgi import application
from test_api_reads import warehouse  # noqa: F401  (the five-row warehouse fixture)

MAX_EXAMPLES = 12  # per endpoint and phase: crosses each parameter's edges, keeps the run short

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application).include(method="GET")


@pytest.fixture
def loaded(db, warehouse):  # noqa: F811
    # Requests go through the real WSGI handler, whose request signals close a connection that
    # is inside the test's transaction (PostgreSQL then reports "the connection is closed").
    # Django's own test client detaches the same handler for the same reason.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    plan_load()
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    # The fixtures build read-only state once per endpoint; examples only read it.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_read_endpoints_answer_as_their_spec_says(case, loaded):
    case.call_and_validate()
