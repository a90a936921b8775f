"""The conventions every operation follows, each held by a test."""

import csv
import gc
import io
import json
import os
import re
import shutil
import sqlite3
import time
import tracemalloc
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from app.core.config import Settings
from app.main import create_app
from seed.__main__ import main as seed_main
from tests.helpers import API, access_entries, assert_problem, items


def test_openapi_document_is_valid_openapi_3_1(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_every_operation_is_ready_for_a_client_generator(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    operation_ids = []
    for path, operations in document["paths"].items():
        for operation in operations.values():
            operation_ids.append(operation["operationId"])
            assert operation["operationId"].startswith("read_"), path
            assert operation["summary"] and operation["description"], path
            for status in ("404", "422"):
                assert operation["responses"][status]["content"] == {
                    "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                }, (path, status)
    assert len(operation_ids) == len(set(operation_ids))


def test_examples_in_the_document_quote_the_real_sources(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    quoted = 0
    for schema in document["components"]["schemas"].values():
        for example in schema.get("examples", []):
            for citation in example.get("citations", [example]):
                if "quote" in citation and "source_id" in citation:
                    source = client.get(f"{API}/sources/{citation['source_id']}").json()
                    text, start, end = source["text"], citation["start"], citation["end"]
                    assert text[start:end] == citation["quote"]
                    assert text[start - 32 : start] == citation["prefix"]
                    assert text[end : end + 32] == citation["suffix"]
                    assert citation["document_sha256"] == source["sha256"]
                    served = items(client.get(f"{API}/sources/{source['id']}/citations?limit=500"))
                    at_start = [c for c in served if c["start"] == start]
                    glosses = {(c["gloss_en"], c["gloss_by"]) for c in at_start}
                    assert glosses == {(citation["gloss_en"], citation["gloss_by"])}
                    quoted += 1
    assert quoted >= 2


def test_lists_link_to_the_next_and_previous_pages(client: TestClient) -> None:
    first = client.get(f"{API}/issues", params={"limit": 5})
    assert first.headers["link"] == (
        f'<http://testserver{API}/issues?limit=5&offset=5>; rel="next"'
    )
    middle = client.get(f"{API}/issues", params={"limit": 5, "offset": 5})
    assert middle.headers["link"] == (
        f'<http://testserver{API}/issues?limit=5&offset=10>; rel="next", '
        f'<http://testserver{API}/issues?limit=5&offset=0>; rel="prev"'
    )
    last = client.get(f"{API}/issues", params={"limit": 5, "offset": 15})
    assert last.headers["link"] == f'<http://testserver{API}/issues?limit=5&offset=10>; rel="prev"'
    assert "link" not in client.get(f"{API}/rounds").headers


def test_sort_follows_the_allow_list(client: TestClient) -> None:
    by_side = items(client.get(f"{API}/participants", params={"sort": "-side,name_en"}))
    sides = [p["side"] for p in by_side]
    assert sides[: sides.index("RU")] == ["US"] * sides.index("RU")
    us = [p["name_en"] for p in by_side if p["side"] == "US"]
    assert us == sorted(us)
    descending = items(client.get(f"{API}/rounds", params={"sort": "-number"}))
    assert [r["number"] for r in descending] == [3, 2, 1]
    body = assert_problem(client.get(f"{API}/participants", params={"sort": "fact_id"}), 422)
    assert body["errors"][0]["name"] == "sort"


def test_unknown_query_parameters_are_rejected(client: TestClient) -> None:
    body = assert_problem(client.get(f"{API}/participants", params={"sid": "RU"}), 422)
    assert body["errors"] == [
        {
            "location": "query",
            "name": "sid",
            "message": "Unknown query parameter; this operation accepts: "
            "claim, format, kind, lang, limit, offset, q, side, sort, support",
        }
    ]


def test_lang_collapses_bilingual_fields(client: TestClient) -> None:
    arabic = client.get(f"{API}/rounds/2", params={"lang": "ar"}).json()
    assert arabic["name"] == "الجولة الثانية من المباحثات الروسية الأمريكية في إسطنبول"
    assert "name_en" not in arabic and "name_ar" not in arabic
    assert arabic["venues"][0]["name"] == "القنصلية العامة الروسية في إسطنبول"
    english = client.get(f"{API}/participants/sonata-coulter", params={"lang": "en"}).json()
    assert (
        english["title"] == "Deputy Assistant Secretary of State for European and Eurasian Affairs"
    )
    assert_problem(client.get(f"{API}/rounds/2", params={"lang": "fr"}), 422)


def test_conditional_get_answers_304(client: TestClient) -> None:
    first = client.get(f"{API}/rounds/2/issues")
    etag = first.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    assert first.headers["cache-control"] == "public, max-age=300"
    again = client.get(f"{API}/rounds/2/issues", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    other = client.get(f"{API}/rounds/1/issues", headers={"If-None-Match": etag})
    assert other.status_code == 200
    assert other.headers["etag"] != etag
    assert client.get(f"{API}/rounds/2/issues").headers["etag"] == etag


def test_etag_depends_on_the_build_served(database_path: Path) -> None:
    def etag_for(version: str) -> str:
        app = create_app(Settings(database_path=database_path, build_database_if_missing=False))
        with TestClient(app) as client:
            # The data version and file time the process serves (set at start-up).
            app.state.served_build = version
            return str(client.get(f"{API}/rounds").headers["etag"])

    assert etag_for("one") != etag_for("two")


def test_errors_are_not_cached(client: TestClient) -> None:
    response = client.get(f"{API}/rounds/9")
    assert "etag" not in response.headers
    assert "cache-control" not in response.headers


def test_lists_as_csv_keep_arabic_intact(client: TestClient) -> None:
    for response in (
        client.get(f"{API}/rounds/2/issues", params={"format": "csv"}),
        client.get(f"{API}/rounds/2/issues", headers={"Accept": "text/csv"}),
    ):
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
        flights = next(row for row in rows if row["id"] == "direct-flights")
        assert flights["name_ar"] == "استئناف الرحلات الجوية المباشرة"
        assert json.loads(flights["raised_by"]) == ["RU"]
        assert response.headers["x-total-count"] == str(len(rows))


def test_an_empty_list_as_csv_still_has_its_header(client: TestClient) -> None:
    response = client.get(f"{API}/issues", params={"round": 99, "format": "csv"})
    assert response.text == (
        "id,name_en,name_ar,summary_en,summary_ar,note_en,note_ar,items,support,source_count,"
        "claims,citations\r\n"
    )


def test_export_as_json_has_every_table(client: TestClient) -> None:
    export = client.get(f"{API}/export").json()
    meta = client.get(f"{API}/meta").json()
    assert export["data_version"] == meta["data_version"]
    tables = export["tables"]
    assert len(tables["citation"]) == meta["counts"]["citations"]
    assert len(tables["meeting"]) == meta["counts"]["meetings"]
    assert "alembic_version" not in tables


def test_export_as_sqlite_is_the_database_file(client: TestClient, tmp_path: Path) -> None:
    response = client.get(f"{API}/export", params={"format": "sqlite"})
    assert response.headers["content-type"] == "application/vnd.sqlite3"
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(response.content)
    meetings = client.get(f"{API}/meta").json()["counts"]["meetings"]
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT count(*) FROM meeting").fetchone() == (meetings,)


def test_security_headers_and_request_ids(client: TestClient) -> None:
    response = client.get(f"{API}/rounds", headers={"X-Request-ID": "trace-42"})
    assert response.headers["x-request-id"] == "trace-42"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert "server" not in response.headers
    generated = client.get(f"{API}/rounds", headers={"X-Request-ID": "<script>"})
    assert re.fullmatch(r"[0-9a-f]{32}", generated.headers["x-request-id"])
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert docs.headers["content-security-policy"].startswith("default-src 'self'")


def test_access_log_is_structured(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("INFO", logger="parley.access"):
        client.get(f"{API}/rounds/2", headers={"X-Request-ID": "log-check"})
        entries = access_entries(caplog, "log-check")
    (entry,) = [entry for entry in entries if entry["request_id"] == "log-check"]
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", f"{API}/rounds/2", 200)
    assert entry["duration_ms"] >= 0


def test_large_responses_are_gzipped(client: TestClient) -> None:
    response = client.get(f"{API}/sources/constructive-talks-istanbul")
    assert response.headers["content-encoding"] == "gzip"


@pytest.mark.parametrize(
    ("environment", "origins", "expected"),
    [
        ("development", None, "*"),
        ("production", None, None),
        ("production", ["https://parley.example"], "https://parley.example"),
    ],
)
def test_cors_follows_the_settings(
    database_path: Path, environment: str, origins: list[str] | None, expected: str | None
) -> None:
    settings = Settings(
        database_path=database_path,
        environment=environment,
        cors_origins=origins,
    )
    with TestClient(create_app(settings)) as client:
        response = client.get(f"{API}/rounds", headers={"Origin": "https://parley.example"})
    assert response.headers.get("access-control-allow-origin") == expected


def test_a_statement_past_the_time_limit_is_interrupted(database_path: Path) -> None:
    # The seeded data is too small for any endpoint to run out the clock, so the deadline is
    # checked on the app's own connection with a statement that would otherwise run for seconds.
    settings = Settings(database_path=database_path, query_timeout_seconds=0.05)
    app = create_app(settings)
    runaway = (
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
        "SELECT count(*) FROM (SELECT x FROM n LIMIT 100000000)"
    )
    with TestClient(app):
        started = time.monotonic()
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            app.state.database.all(runaway)
        assert time.monotonic() - started < 1.0
        # The next query gets its own full allowance.
        assert app.state.database.one("SELECT 1") == (1,)


def test_every_list_takes_the_same_paging_and_language_parameters(app: FastAPI) -> None:
    document = app.openapi()
    for path, operations in document["paths"].items():
        names = {p["name"] for p in operations["get"].get("parameters", [])}
        if "200" in operations["get"]["responses"] and "limit" in names:
            assert {"limit", "offset", "lang"} <= names, path
            # The media type is the operation's (its path), not a parameter.
            assert "format" not in names, path


def test_repeated_requests_are_served_from_memory(database_path: Path) -> None:
    app = create_app(Settings(database_path=database_path))
    with TestClient(app, raise_server_exceptions=False) as client:
        first = client.get(f"{API}/rounds/2/issues", headers={"X-Request-ID": "one"})
        client.get(f"{API}/rounds/1")
        # Take the database away: only what is in memory can still be answered.
        database, app.state.database = app.state.database, None
        again = client.get(f"{API}/rounds/2/issues", headers={"X-Request-ID": "two"})
        assert again.status_code == 200
        assert again.content == first.content
        assert again.headers["etag"] == first.headers["etag"]
        assert again.headers["x-request-id"] == "two"
        assert client.get(f"{API}/rounds/1").status_code == 200
        # The same request written another way is the same entry.
        assert client.get(f"{API}/rounds/2/issues?&&").content == first.content
        assert_problem(client.get(f"{API}/rounds/3"), 500)
        app.state.database = database


def test_the_response_cache_is_bounded_in_bytes(database_path: Path) -> None:
    budget = 256 * 1024
    app = create_app(Settings(database_path=database_path, response_cache_bytes=budget))
    cache = app.state.response_cache
    with TestClient(app) as client:
        # Padding a URL with empty parameters does not make it a new entry.
        for padding in range(1, 200):
            assert client.get(f"{API}/rounds/1?" + "&" * padding).status_code == 200
        assert len(cache) == 1
        # Distinct requests fill the cache up to its budget and no further.
        for limit in range(1, 120):
            assert client.get(f"{API}/participants", params={"limit": limit}).status_code == 200
        assert budget // 2 < cache.size_bytes <= budget
        # A body too large for the budget's share (the export) is served but not kept.
        client.get(f"{API}/export")
        assert cache.size_bytes <= budget


def test_the_response_cache_counts_the_memory_its_entries_hold(database_path: Path) -> None:
    budget = 128 * 1024
    # What the entries hold, over what the same requests leave without a cache (statement
    # and parser caches), stays within the budget, with room for the allocator's rounding.
    held = memory_after_small_requests(database_path, budget)
    assert held - memory_after_small_requests(database_path, 0) < 1.5 * budget, held


def memory_after_small_requests(database_path: Path, budget: int) -> int:
    """Bytes still allocated after many distinct small answers (more than the budget holds)."""
    app = create_app(Settings(database_path=database_path, response_cache_bytes=budget))
    with TestClient(app) as client:
        client.get(f"{API}/rounds?limit=1")
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        for offset in range(300):
            client.get(f"{API}/rounds", params={"limit": 1, "offset": offset})
        gc.collect()  # what requests left in reference cycles is not the cache's
        held = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
    return held


def test_a_cached_link_never_carries_another_clients_host(client: TestClient) -> None:
    url = f"{API}/participants?limit=2"
    forged = client.get(url, headers={"Host": "evil.example"})
    assert "evil.example" in forged.headers["link"]
    honest = client.get(url)
    assert "evil.example" not in honest.headers["link"]
    assert honest.headers["link"].startswith("<http://testserver/api/v1/participants?")


@pytest.mark.parametrize(
    "path",
    [f"{API}/rounds", f"{API}/rounds/2", f"{API}/search?q=flights", f"{API}/export", "/docs"],
)
def test_head_answers_every_get_with_the_same_headers_and_no_body(
    client: TestClient, path: str
) -> None:
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    volatile = {"x-request-id", "date"}
    assert {k: v for k, v in head.headers.items() if k not in volatile} == {
        k: v for k, v in get.headers.items() if k not in volatile
    }
    missing = client.head(f"{API}/rounds/99")
    assert missing.status_code == 404 and missing.content == b""


def test_a_304_keeps_the_pages_own_policy_and_caching(client: TestClient) -> None:
    """A browser merges a 304's headers into its copy: the docs page must not come back with the
    API's script-blocking policy, or it is blank on reload."""
    for path in ("/docs", "/docs", "/redoc"):  # the second /docs is answered from the cache
        page = client.get(path)
        again = client.get(path, headers={"If-None-Match": page.headers["etag"]})
        assert again.status_code == 304
        assert again.headers["content-security-policy"] == page.headers["content-security-policy"]
        assert again.headers["cache-control"] == page.headers["cache-control"] == "no-cache"
    api = client.get(f"{API}/rounds")
    not_modified = client.get(f"{API}/rounds", headers={"If-None-Match": api.headers["etag"]})
    assert not_modified.status_code == 304
    assert not_modified.headers["content-security-policy"].startswith("default-src 'none'")


@pytest.mark.parametrize(
    ("accept_encoding", "gzipped"),
    [("gzip", True), ("br, gzip;q=0.5", True), ("gzip;q=0", False), ("gzip; q=0.0, br", False)],
)
def test_gzip_only_where_the_client_accepts_it(
    client: TestClient, accept_encoding: str, gzipped: bool
) -> None:
    response = client.get(f"{API}/export", headers={"Accept-Encoding": accept_encoding})
    assert response.status_code == 200
    assert (response.headers.get("content-encoding") == "gzip") is gzipped


def test_tags_come_from_the_build_never_from_the_file_system(
    tmp_path: Path, database_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A copy or a touch changes the file's times, not its bytes: the bodies (/meta's built_at
    # is the build's, recorded in the file) and so the tags stay; another build's never match.
    database = tmp_path / "parley.sqlite3"
    shutil.copy(database_path, database)
    settings = Settings(database_path=database, build_database_if_missing=False)
    with TestClient(create_app(settings)) as client:
        before = client.get(f"{API}/meta")
    later = database.stat().st_mtime + 3600
    os.utime(database, (later, later))
    with TestClient(create_app(settings)) as client:
        touched = client.get(f"{API}/meta", headers={"If-None-Match": before.headers["etag"]})
    assert touched.status_code == 304
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert seed_main(["--database", str(database)]) == 0
    with TestClient(create_app(settings)) as client:
        rebuilt = client.get(f"{API}/meta", headers={"If-None-Match": before.headers["etag"]})
    assert rebuilt.status_code == 200
    assert rebuilt.json()["built_at"] == "2026-01-01T00:00:00+00:00"
    assert rebuilt.headers["etag"] != before.headers["etag"]
