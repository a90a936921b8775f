"""The read path: stored representations, parameters parsed once, conditional GETs, rebuilds,
and many clients at once against a real server."""

import asyncio
import csv
import io
import json
import os
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient

from app.api.representation import Representation
from app.core.config import Settings
from app.core.db import ReadOnlyDatabase
from app.localized import LANGUAGES
from app.main import create_app
from app.rendered import (
    CSV_RENDERED_PER_REQUEST,
    DOCUMENT_MODELS,
    ITEM_MODELS,
    DocumentKind,
    Listing,
)
from app.representations import csv_columns, csv_line, csv_rows
from app.spans import spans_for
from tests.helpers import API, assert_problem
from tests.live_server import address, get, live_server


def rendered_rows(database_path: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(f"file:{database_path}?mode=ro", uri=True) as connection:
        return connection.execute(sql).fetchall()


def localized_validator(client: TestClient, model_name: str) -> jsonschema.Draft202012Validator:
    """A validator for the ``lang`` form of a schema, from the served OpenAPI document."""
    document = client.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    return jsonschema.Draft202012Validator(
        {"$ref": f"#/components/schemas/{model_name}Localized", "components": {"schemas": schemas}}
    )


def test_every_stored_document_validates_against_its_schema(
    client: TestClient, database_path: Path
) -> None:
    rows = rendered_rows(
        database_path, "SELECT resource, key, body, lang_spans FROM rendered_document"
    )
    kinds = {kind for kind, *_ in rows}
    assert kinds == {kind.value for kind in DocumentKind}
    for resource, key, body, spans in rows:
        model = DOCUMENT_MODELS[DocumentKind(resource)]
        if model is None:  # the export: the tables themselves
            assert set(json.loads(body)) == {"data_version", "tables"}
            continue
        model.model_validate_json(body, strict=False)
        localized = localized_validator(client, model.__name__)
        for language in LANGUAGES:
            served = Representation(language).stored([(body, spans)], model)[0]
            localized.validate(json.loads(served))
            assert (resource, key) and len(served) <= len(body)
            # Cut from its spans, exactly as it renders without them.
            assert spans_for(spans, language) is not None
            assert served == Representation(language).stored([(body, b"")], model)[0]


def test_every_stored_list_item_validates_against_its_schema(
    client: TestClient, database_path: Path
) -> None:
    rows = rendered_rows(
        database_path, "SELECT list, body, lang_spans, csv_spans FROM rendered_item"
    )
    assert {row[0] for row in rows} == {listing.value for listing in Listing}
    validators = {
        listing: localized_validator(client, model.__name__)
        for listing, model in ITEM_MODELS.items()
    }
    for name, body, lang_spans, csv_spans in rows:
        listing = Listing(name)
        model = ITEM_MODELS[listing]
        model.model_validate_json(body)
        for language in LANGUAGES:
            served = Representation(language).stored([(body, lang_spans)], model)[0]
            validators[listing].validate(json.loads(served))
            # Cut from its spans, exactly as it renders without them.
            assert spans_for(lang_spans, language) is not None
            assert served == Representation(language).stored([(body, b"")], model)[0]
        for each in (None, *LANGUAGES):
            row = Representation(each, csv=True).stored([(body, csv_spans)], model)[0]
            cut = spans_for(csv_spans, each or "") is not None
            assert cut is (listing not in CSV_RENDERED_PER_REQUEST)
            assert row == Representation(each, csv=True).stored([(body, b"")], model)[0]
            assert row.endswith(b"\r\n")
            cells = next(csv.reader(io.StringIO(row.decode())))
            assert len(cells) == len(csv_columns(model, each))


def test_every_csv_row_has_its_lists_columns(client: TestClient) -> None:
    for language in (None, "en", "ar"):
        params = {"format": "csv", "limit": 500} | ({"lang": language} if language else {})
        response = client.get(f"{API}/sources/constructive-talks-istanbul/citations", params=params)
        header = csv_line(list(csv_columns(ITEM_MODELS[Listing.source_citations], language)))
        assert response.content.startswith(header)
        rows = list(csv.reader(io.StringIO(response.text)))
        assert len(rows) == 1 + int(response.headers["x-total-count"]) > 50
        assert {len(row) for row in rows} == {len(rows[0])}


@pytest.mark.parametrize(
    ("query", "csv"),
    [
        ("q=format=csv", False),
        ("q=format%3Dcsv", False),
        ("q=darchiev&format=csv", True),
        ("q=darchiev&format=json", False),
    ],
)
def test_format_is_a_parameter_not_a_substring(client: TestClient, query: str, csv: bool) -> None:
    response = client.get(f"{API}/search?{query}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv" if csv else "application/json")


@pytest.mark.parametrize("query", ["format=json&format=csv", "format=csv&format=json"])
def test_a_repeated_format_is_refused_whatever_the_cache_holds(
    client: TestClient, query: str
) -> None:
    # The single forms are answered (and cached) first: the repeated one must not share a key.
    for single in ("format=csv", "format=json"):
        assert client.get(f"{API}/rounds?{single}").status_code == 200
    body = assert_problem(client.get(f"{API}/rounds?limit=1&limit=2&{query}"), 422)
    assert {error["name"] for error in body["errors"]} == {"format", "limit"}


def test_an_encoded_language_is_applied(client: TestClient) -> None:
    encoded = client.get(f"{API}/rounds/2?lang=%65n").json()
    plain = client.get(f"{API}/rounds/2?lang=en").json()
    assert encoded == plain
    assert "name" in encoded and "name_en" not in encoded


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/rounds/99", 404),
        ("/participants/nobody/rounds", 404),
        ("/no-such-endpoint", 404),
        ("/rounds?bogus=1", 422),
        ("/rounds?limit=0", 422),
    ],
)
def test_if_none_match_star_does_not_hide_an_error(
    client: TestClient, path: str, status: int
) -> None:
    assert_problem(client.get(API + path, headers={"If-None-Match": "*"}), status)


def test_if_none_match_star_matches_a_real_representation(client: TestClient) -> None:
    response = client.get(f"{API}/rounds/2", headers={"If-None-Match": "*"})
    assert (response.status_code, response.content) == (304, b"")


def test_a_304_for_an_uncached_response_carries_its_tag(database_path: Path) -> None:
    app = create_app(Settings(database_path=database_path, response_cache_bytes=0))
    with TestClient(app) as client:
        etag = client.get(f"{API}/rounds/2/issues").headers["etag"]
        again = client.get(f"{API}/rounds/2/issues", headers={"If-None-Match": etag})
    assert (again.status_code, again.headers["etag"], again.content) == (304, etag, b"")


def test_the_export_is_one_complete_document_even_with_a_tight_time_limit(
    database_path: Path,
) -> None:
    app = create_app(Settings(database_path=database_path, query_timeout_seconds=0.001))
    with TestClient(app) as client:
        response = client.get(f"{API}/export", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(response.content)
    assert "transfer-encoding" not in response.headers
    assert set(response.json()["tables"]) >= {"meeting", "citation", "fact"}


def test_the_document_advertises_only_what_each_operation_does(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    export = paths[f"{API}/export"]["get"]["responses"]["200"]
    assert "text/csv" not in export["content"]
    assert "Link" not in export["headers"]
    health = paths[f"{API}/health"]["get"]["responses"]
    assert "304" not in health and "ETag" not in health["200"]["headers"]
    lists = [p for p, ops in paths.items() if "Link" in ops["get"]["responses"]["200"]["headers"]]
    json_lists = [p for p in lists if not p.endswith(".csv")]
    assert len(json_lists) == 13  # the twelve stored lists and search
    # Each list is two operations, one body type each: a JSON client never gets a string.
    assert {p + ".csv" for p in json_lists} == set(lists) - set(json_lists)
    for path in lists:
        content = paths[path]["get"]["responses"]["200"]["content"]
        assert list(content) == (["text/csv"] if path.endswith(".csv") else ["application/json"])


@pytest.mark.parametrize("asked", ["/rounds/2/issues.csv", "/rounds/2/issues?format=csv"])
def test_a_lists_csv_path_and_its_format_parameter_give_one_table(
    client: TestClient, asked: str
) -> None:
    table = client.get(f"{API}{asked}&limit=2".replace(".csv&", ".csv?"))
    assert table.headers["content-type"] == "text/csv; charset=utf-8"
    header, *rows = table.text.splitlines()
    assert header.startswith("id,name_en,name_ar,")
    assert len(rows) == 2
    assert 'rel="next"' in table.headers["link"]
    assert table.headers["link"].split(";")[0].count(".csv") == asked.count(".csv")


def test_a_csv_path_is_only_a_lists(client: TestClient) -> None:
    assert_problem(client.get(f"{API}/rounds/2.csv"), 422)
    assert_problem(client.get(f"{API}/export.csv"), 404)


def replace_with_another_build(database: Path) -> None:
    """What a rebuild does to a running server's file: a new file renamed over it."""
    rebuilt = database.with_name("rebuilt.sqlite3")
    shutil.copyfile(database, rebuilt)
    with sqlite3.connect(rebuilt) as connection:
        connection.execute("UPDATE dataset_meta SET data_version = 'another build'")
        connection.execute(
            'UPDATE rendered_document SET body = CAST(\'{"number":2,"changed":true}\' AS BLOB) '
            "WHERE resource = 'round' AND key = '2'"
        )
    os.replace(rebuilt, database)


def test_a_rebuild_under_a_running_app_never_mixes_builds(
    tmp_path: Path, database_path: Path
) -> None:
    database = tmp_path / "served.sqlite3"
    shutil.copyfile(database_path, database)
    settings = Settings(database_path=database, build_database_if_missing=False)
    app = create_app(settings)
    with TestClient(app) as client:
        before = client.get(f"{API}/rounds/2")
        assert client.get(f"{API}/health").json()["file_replaced"] is False
        replace_with_another_build(database)
        for path in ("/rounds/2", "/rounds/2?lang=en", "/rounds/2/issues", "/meta"):
            assert "changed" not in client.get(API + path).text
        after = client.get(f"{API}/rounds/2")
        assert (after.content, after.headers["etag"]) == (before.content, before.headers["etag"])
        health = client.get(f"{API}/health").json()
        assert health["file_replaced"] is True
        assert health["data_version"] == client.get(f"{API}/meta").json()["data_version"]
        exported = client.get(f"{API}/export", params={"format": "sqlite"}).content
        assert exported == database_path.read_bytes()
    # A process opening the file now gets the new build, with its own data version (and so
    # its own ETags).
    reopened = ReadOnlyDatabase(database, settings.query_timeout_seconds)
    try:
        assert reopened.data_version == "another build"
    finally:
        reopened.close()


COLD_URLS = [
    f"{API}/rounds/2/issues",
    f"{API}/rounds",
    f"{API}/participants/alexander-darchiev",
    f"{API}/sources/ryabkov-new-round/citations?limit=20",
    f"{API}/search?q=%D8%AF%D8%A7%D8%B1%D8%B4%D9%8A%D9%81",
    f"{API}/issues?round=2&raised_by=RU",
    f"{API}/events?from=2025-04-01&to=2025-04-30",
    f"{API}/statements?participant=alexander-darchiev&lang=en",
]


async def load(host: str, port: int, connections: int, requests_each: int) -> dict[str, Any]:
    """Many clients at once, each on its own kept-alive connection, and /health beside them."""
    statuses: list[int] = []
    health_seconds: list[float] = []

    async def client(number: int) -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            for request in range(requests_each):
                url = COLD_URLS[(number + request) % len(COLD_URLS)]
                status, _ = await get(reader, writer, host, url)
                statuses.append(status)
        finally:
            writer.close()

    async def health() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            for _ in range(10):
                started = time.monotonic()
                status, body = await get(reader, writer, host, f"{API}/health")
                assert status == 200 and b'"status":"ok"' in body
                health_seconds.append(time.monotonic() - started)
                await asyncio.sleep(0.05)
        finally:
            writer.close()

    await asyncio.wait_for(
        asyncio.gather(health(), *(client(n) for n in range(connections))), timeout=120
    )
    return {"statuses": statuses, "health_seconds": health_seconds}


def test_hundreds_of_concurrent_cold_requests_all_succeed_and_health_answers(
    database_path: Path,
) -> None:
    # With the response cache off every request reads the database. The old read path (40
    # worker threads over a pool of 15 connections) deadlocked at about 55 at once.
    with live_server(database_path, cache=False) as server:
        host, port = address(server)
        result = asyncio.run(load(host, port, connections=256, requests_each=4))
    assert len(result["statuses"]) == 256 * 4
    assert set(result["statuses"]) == {200}
    assert len(result["health_seconds"]) == 10
    assert max(result["health_seconds"]) < 5


@pytest.mark.parametrize(
    "cells",
    [
        ["plain", "عربي", ""],
        ["a,b", 'say "hi"', "line\nbreak", "cr\r", "x\r\ny"],
        ['"', ",", " spaced ", "tab\there", "'single'"],
        [""],
        ["", ""],
    ],
)
def test_csv_rows_are_written_as_the_csv_module_writes_them(cells: list[str]) -> None:
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\r\n").writerows([cells, cells])
    assert csv_rows([cells, cells]) == expected.getvalue().encode()
