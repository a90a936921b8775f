"""Property-based testing of the whole API against its own OpenAPI document, in-process."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import positive_data_acceptance

from app.core.config import Settings
from app.main import create_app

# The suite's run: property-based examples and fuzzing. Schemathesis's coverage phase (boundary
# and negative values of each parameter, one at a time) adds about 45 s here and is what
# tests/test_hostile_input.py already sends, deterministically; a longer run of every phase:
#   PARLEY_SCHEMATHESIS_PHASES=examples,coverage,fuzzing PARLEY_SCHEMATHESIS_EXAMPLES=300 \
#   pytest tests/test_schemathesis.py
PHASES = os.environ.get("PARLEY_SCHEMATHESIS_PHASES", "examples,fuzzing").split(",")
EXAMPLES_PER_OPERATION = int(os.environ.get("PARLEY_SCHEMATHESIS_EXAMPLES", "40"))
# An operation with parameters must get at least this many requests; one without, at least one.
MINIMUM_PER_PARAMETERISED_OPERATION = 10
# No schema can say "other must differ from number": that 422 is tested on its own.
ONLY_CHECKS_IT_CAN_STATE = {"read_round_comparison": [positive_data_acceptance]}

# The document needs no database; each case is sent to the session's seeded app instead.
schema = schemathesis.openapi.from_dict(
    create_app(Settings(database_path=Path("unused.sqlite3"))).openapi()
)
schema.config.phases.update(phases=PHASES)


@pytest.fixture(scope="module")
def asgi_session(app: FastAPI, client: TestClient) -> Iterator[Any]:
    # One in-process client for every case; `client` has already run the app's lifespan.
    with asgi.get_client(app) as session:  # type: ignore[arg-type]
        yield session


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_conforms_to_its_schema(
    case: Any, asgi_session: Any, requests_sent: list[Any]
) -> None:
    requests_sent.append(case.operation)
    excluded = ONLY_CHECKS_IT_CAN_STATE.get(case.operation.definition.raw["operationId"], [])
    case.call_and_validate(session=asgi_session, excluded_checks=excluded)


@pytest.fixture
def requests_sent() -> Iterator[list[Any]]:
    """Counts one operation's generated requests (the fixture spans all of a test's examples),
    so that a run that generated nothing fails instead of passing vacuously."""
    sent: list[Any] = []
    yield sent
    assert sent, "schemathesis generated no request"
    if sent[0].definition.raw.get("parameters"):
        assert len(sent) >= MINIMUM_PER_PARAMETERISED_OPERATION, len(sent)
