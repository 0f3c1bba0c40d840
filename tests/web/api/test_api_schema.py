"""Schemathesis against the API's own schema, in-process (its WSGI client), on the demo's data with a
drafter's token: no answer is a server error, and every answer (status, content type, headers, body)
is one the schema declares. Bounded and deterministic: a fixed seed, derandomized generation, a few
examples per operation, no coverage or stateful phase, no example database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sopap.web.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 6

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20261202,
        "generation": {
            "mode": "all",
            "max-examples": EXAMPLES,
            "deterministic": True,
            "database": "none",
            "with-security-parameters": False,
        },
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    }
)

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application, config=CONFIG)


@pytest.fixture
def demo_token(db: Any) -> Iterator[str]:
    """The demo's data (organisations, SOPs in every state, users per role) and its drafter's token."""
    from django.contrib.auth import get_user_model
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from sopap.web.demo import setup
    from sopap.web.organisations.services import token_create

    setup()
    drafter = get_user_model().objects.get(username="penyusun")
    # Schemathesis calls the WSGI application itself, whose request signals would close the connection
    # holding the test's transaction; Django's own test client leaves them out the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield token_create(user=drafter, name="schemathesis")[1]
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_every_answer_conforms_to_the_schema(case: Any, demo_token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {demo_token}"}, checks=CHECKS)
