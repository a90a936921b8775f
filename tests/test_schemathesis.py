"""Property-based testing of the whole API against its own OpenAPI document, in-process."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.python import asgi

from app.core.config import Settings
from app.main import create_app

EXAMPLES_PER_OPERATION = 80
MINIMUM_REQUESTS = 1000
requests_sent = 0

# The document needs no database; each case is sent to the session's seeded app instead.
schema = schemathesis.openapi.from_dict(
    create_app(Settings(database_path=Path("unused.sqlite3"))).openapi()
)


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
def test_every_operation_conforms_to_its_schema(case: Any, asgi_session: Any) -> None:
    global requests_sent
    requests_sent += 1
    case.call_and_validate(session=asgi_session)


def test_schemathesis_sent_enough_requests() -> None:
    # Runs after the parametrized test above (pytest keeps definition order in a module).
    print(f"schemathesis: {requests_sent} generated requests, all conforming")
    assert requests_sent >= MINIMUM_REQUESTS, requests_sent
