"""The main queries stay index-backed: no full scan of a table that grows with the data."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event

from app.core.config import Settings
from app.main import create_app
from tests.helpers import API

MAIN_QUERIES = [
    "/rounds/2/issues",
    "/rounds/2/participants",
    "/participants/alexander-darchiev",
    "/participants/alexander-darchiev/rounds",
    "/issues/direct-flights/rounds",
    "/sources/ryabkov-new-round/citations",
    "/statements?participant=tammy-bruce",
    "/events?participant=sergey-ryabkov",
]
# A scan is fine on these: they hold one row, or a handful of fixed vocabulary rows.
SMALL_TABLES = {"dataset_meta"}


@pytest.fixture(scope="module")
def uncached_app(database_path: Path) -> Iterator[FastAPI]:
    # The response cache would answer repeats without SQL; here every request must query.
    app = create_app(Settings(database_path=database_path, response_cache_entries=0))
    with TestClient(app):
        yield app


@pytest.mark.parametrize("path", MAIN_QUERIES)
def test_main_queries_use_indexes(uncached_app: FastAPI, path: str) -> None:
    app = uncached_app
    client = TestClient(app)
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    engine = app.state.engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        response = client.get(f"{API}{path}")
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert response.status_code == 200, response.text
    assert statements
    with engine.connect() as connection:
        for statement, parameters in statements:
            assert full_scans(connection, statement, parameters) <= SMALL_TABLES, statement


def full_scans(connection: Any, statement: str, parameters: Any = ()) -> set[str]:
    """Tables the statement reads row by row without an index."""
    plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
    found = (re.match(r"SCAN (?:TABLE )?(\w+)$", row[-1]) for row in plan)
    return {match.group(1) for match in found if match}


def test_the_plan_check_catches_a_full_scan(uncached_app: FastAPI) -> None:
    with uncached_app.state.engine.connect() as connection:
        assert full_scans(connection, "SELECT * FROM citation WHERE quote = 'x'") == {"citation"}
        assert full_scans(connection, "SELECT * FROM citation WHERE fact_id = 3") == set()
