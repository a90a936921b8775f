"""The main queries stay index-backed: no full scan of a table that grows with the data."""

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.main import create_app
from tests.helpers import API

MAIN_QUERIES = [
    "/rounds",
    "/rounds/2",
    "/rounds/2/issues",
    "/rounds/2/issues?support=corroborated",
    "/rounds/2/participants",
    "/rounds/1/compare/2",
    "/participants/alexander-darchiev",
    "/participants/alexander-darchiev/rounds",
    "/issues/direct-flights/rounds",
    "/sources/ryabkov-new-round/citations",
    "/statements?participant=tammy-bruce",
    "/events?participant=sergey-ryabkov",
    "/search?q=darchiev",
]
# A scan is fine on these: they hold one row.
SMALL_TABLES = {"dataset_meta"}


@pytest.fixture(scope="module")
def uncached_app(database_path: Path) -> Iterator[FastAPI]:
    # The response cache would answer repeats without SQL; here every request must query.
    app = create_app(Settings(database_path=database_path, response_cache_bytes=0))
    with TestClient(app):
        yield app


def statements_of(app: FastAPI, path: str) -> list[str]:
    """Every SQL statement a request runs, with its parameters bound."""
    statements: list[str] = []
    connection: sqlite3.Connection = app.state.database.connection
    connection.set_trace_callback(statements.append)
    try:
        response = TestClient(app).get(f"{API}{path}")
    finally:
        connection.set_trace_callback(None)
    assert response.status_code == 200, response.text
    return [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]


@pytest.mark.parametrize("path", MAIN_QUERIES)
def test_main_queries_use_indexes(uncached_app: FastAPI, path: str) -> None:
    statements = statements_of(uncached_app, path)
    assert statements
    connection = uncached_app.state.database.connection
    for statement in statements:
        assert full_scans(connection, statement) <= SMALL_TABLES, statement


@pytest.mark.parametrize("path", ["/rounds", "/rounds/2/issues", "/participants/tass/rounds"])
def test_a_page_is_one_query_for_its_items_and_one_for_its_total(
    uncached_app: FastAPI, path: str
) -> None:
    statements = statements_of(uncached_app, path)
    item_queries = [s for s in statements if "FROM rendered_item" in s]
    total_queries = [s for s in statements if "rendered_count" in s or "count(*)" in s]
    assert len(item_queries) == 1
    assert len(total_queries) == 1
    # No row is counted per request: the list's total was counted at build time.
    assert "rendered_count" in total_queries[0]


# Names in the search query that are its own intermediate results, not tables.
INTERMEDIATE = {"candidates", "hits", "ranked"}


def full_scans(connection: sqlite3.Connection, statement: str) -> set[str]:
    """Tables the statement reads row by row without an index."""
    plan = connection.execute(f"EXPLAIN QUERY PLAN {statement}").fetchall()
    found = (re.match(r"SCAN (?:TABLE )?(\w+)$", row[-1]) for row in plan)
    return {match.group(1) for match in found if match} - INTERMEDIATE


def test_the_plan_check_catches_a_full_scan(uncached_app: FastAPI) -> None:
    connection = uncached_app.state.database.connection
    assert full_scans(connection, "SELECT * FROM citation WHERE quote = 'x'") == {"citation"}
    assert full_scans(connection, "SELECT * FROM citation WHERE fact_id = 3") == set()
