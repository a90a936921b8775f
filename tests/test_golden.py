"""The mechanics of every representation, held against golden files recorded over fixture
data: each kind of list, document and error, in JSON, ``lang`` and CSV, with the headers a
client acts on.

The files under ``tests/golden/`` are recorded over ``tests/fixtures/golden/`` (three invented
articles), not over the curated data, so an article added to ``seed/data/`` changes none of
them: they change when behaviour does. The real data is held by the fact tests. A deliberate
change re-records them (``PARLEY_RECORD_GOLDEN=1 pytest tests/test_golden.py``) in the same
commit that makes it; while recording, each file that changed is reported as skipped, by
name, so the run says what it rewrote. JSON is compared as values with key order kept; CSV
byte for byte.
"""

import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.main import create_app
from seed.__main__ import main as seed_main
from tests.helpers import API

GOLDEN_DIR = Path(__file__).parent / "golden"
GOLDEN_DATA = Path(__file__).parent / "fixtures" / "golden"
# The public contract itself, beside the responses: kept apart so the check below of golden
# response files against their cases does not count it.
OPENAPI_GOLDEN = Path(__file__).parent / "openapi" / "openapi.json"
RECORDING = os.environ.get("PARLEY_RECORD_GOLDEN") == "1"

# Headers a client acts on; the request id and the ETag's value vary by run and data version.
KEPT_HEADERS = (
    "content-type",
    "cache-control",
    "vary",
    "link",
    "x-total-count",
    "content-disposition",
    "access-control-allow-origin",
    "access-control-expose-headers",
    "content-security-policy",
)
# Values that change with every build or every edit of the curated files, not with the code.
VOLATILE = re.compile(r'"(built_at|data_version)":"[^"]*"')

CSV = {"Accept": "text/csv"}
# One case per mechanic: a list plain, in one language, as CSV (by parameter and by Accept),
# filtered, sorted, searched and paged; each kind of document; each kind of error.
CASES: list[tuple[str, dict[str, str]]] = [
    ("/rounds", {}),
    ("/rounds?lang=ar", {}),
    ("/rounds?format=csv", {}),
    ("/rounds?lang=en&format=csv", {}),
    ("/rounds", CSV),
    ("/rounds/2/issues", {}),
    ("/rounds/2/issues?lang=ar&format=csv", {}),
    ("/rounds/2/participants?limit=1&offset=1", {}),
    ("/participants?side=US&sort=-name_en", {}),
    ("/participants?q=بيتروف", {}),
    ("/participants/jane-roe/rounds?support=single_source", {}),
    ("/issues?round=2&raised_by=RU", {}),
    ("/issues/direct-flights/rounds", {}),
    ("/statements?participant=ivan-petrov&sort=-date", {}),
    ("/statements?issue=visas&lang=ar", {}),
    ("/events", {}),
    ("/events?from=2025-04-01&to=2025-04-30&kind=statement", {}),
    ("/conflicts", {}),
    ("/conflicts?lang=ar&format=csv", {}),
    ("/sources?sort=-published_date", {}),
    ("/sources/fixture-daily/citations?limit=3&offset=2", {}),
    ("/search?q=بيتروف", {}),
    ("/search?q=coastal&type=source", {}),
    ("/search?q=flights&lang=ar&format=csv", {}),
    ("/rounds/2", {}),
    ("/rounds/2?lang=ar", {}),
    ("/rounds/1/compare/2", {}),
    ("/participants/jane-roe", {}),
    ("/participants/ivan-petrov?lang=en", {}),
    ("/issues/seized-property", {}),
    ("/sources/fixture-daily", {}),
    ("/meta", {}),
    ("/export", {}),
    ("/health", {}),
    ("/rounds/99", {}),
    ("/rounds/abc", {}),
    ("/participants/nobody", {}),
    ("/no-such-endpoint", {}),
    ("/rounds?sort=bogus", {}),
    ("/rounds?limit=0&offset=-1", {}),
    ("/rounds?lang=fr", {}),
    ("/rounds?format=xml", {}),
    ("/search", {}),
    ("/events?from=2025-13-01", {}),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The real app serving the golden fixture, built by the real seed script."""
    database = tmp_path_factory.mktemp("golden") / "parley.sqlite3"
    where = [
        "--data-dir",
        str(GOLDEN_DATA / "data"),
        "--documents-dir",
        str(GOLDEN_DATA / "documents"),
    ]
    assert seed_main(["--database", str(database), *where]) == 0
    settings = Settings(
        database_path=database,
        data_dir=GOLDEN_DATA / "data",
        documents_dir=GOLDEN_DATA / "documents",
        build_database_if_missing=False,
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def name_of(url: str, headers: dict[str, str]) -> str:
    readable = re.sub(r"[^A-Za-z0-9]+", "-", url).strip("-")[:80]
    digest = hashlib.sha256((url + json.dumps(headers, sort_keys=True)).encode()).hexdigest()[:8]
    return f"{readable}-{digest}.json"


def snapshot(client: TestClient, url: str, headers: dict[str, str]) -> dict[str, Any]:
    response = client.get(API + url, headers=headers)
    kept = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
    recorded: dict[str, Any] = {
        "request": {"url": url, "headers": headers},
        "status": response.status_code,
        "headers": kept,
        "has_etag": "etag" in response.headers,
    }
    content_type = response.headers.get("content-type", "")
    if "json" in content_type:
        body = json.loads(VOLATILE.sub(r'"\1":"*"', response.text))
        recorded["body"] = body
    else:
        recorded["text"] = response.text
    return recorded


def conditional_snapshot(client: TestClient, url: str) -> dict[str, Any]:
    first = client.get(API + url)
    again = client.get(API + url, headers={"If-None-Match": first.headers["etag"]})
    return {"status": again.status_code, "body": again.text, "has_etag": "etag" in again.headers}


ALL_CASES = CASES


@pytest.mark.parametrize(("url", "headers"), ALL_CASES, ids=[u for u, _ in ALL_CASES])
def test_response_matches_golden_file(
    client: TestClient, url: str, headers: dict[str, str]
) -> None:
    path = GOLDEN_DIR / name_of(url, headers)
    recorded = snapshot(client, url, headers)
    if RECORDING:
        written = json.dumps(recorded, ensure_ascii=False, indent=1) + "\n"
        if not path.exists() or path.read_text() != written:
            GOLDEN_DIR.mkdir(exist_ok=True)
            path.write_text(written)
            pytest.skip(f"re-recorded {path.name}")
    golden = json.loads(path.read_text())
    # json.dumps keeps each object's key order, so this compares values and key order both.
    assert json.dumps(recorded, ensure_ascii=False) == json.dumps(golden, ensure_ascii=False)


@pytest.mark.parametrize("url", ["/rounds/2/issues", "/participants/tass", "/search?q=visas"])
def test_a_matching_etag_gets_an_empty_304(client: TestClient, url: str) -> None:
    assert conditional_snapshot(client, url) == {"status": 304, "body": "", "has_etag": True}


def test_every_golden_file_is_a_current_case() -> None:
    expected = {name_of(url, headers) for url, headers in ALL_CASES}
    assert len(expected) == len(ALL_CASES)
    assert {path.name for path in GOLDEN_DIR.glob("*.json")} == expected


def test_the_openapi_document_matches_its_golden_file(client: TestClient) -> None:
    served = client.get("/openapi.json").json()
    if RECORDING:
        OPENAPI_GOLDEN.write_text(json.dumps(served, ensure_ascii=False, indent=1) + "\n")
    golden = json.loads(OPENAPI_GOLDEN.read_text())
    assert json.dumps(served, ensure_ascii=False) == json.dumps(golden, ensure_ascii=False)
