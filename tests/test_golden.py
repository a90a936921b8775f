"""Every response the API gives, held against golden files recorded from the real app.

The files under ``tests/golden/`` were recorded before the read path was rebuilt to serve
materialised documents; a difference is either a regression or a deliberate fix, and a
deliberate fix is re-recorded (``PARLEY_RECORD_GOLDEN=1 pytest tests/test_golden.py``) in the
same commit that makes it. JSON is compared as values with key order kept; CSV byte for byte.
"""

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.helpers import API

# Every response of today's data: figures a new article changes.
pytestmark = pytest.mark.five_articles

GOLDEN_DIR = Path(__file__).parent / "golden"
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

LISTS = [
    "/rounds",
    "/rounds?sort=-number",
    "/rounds?sort=start_date,-number&support=corroborated",
    "/rounds?limit=1&offset=1",
    "/rounds/1/issues",
    "/rounds/2/issues",
    "/rounds/2/issues?support=single_source",
    "/rounds/2/issues?limit=3&offset=3",
    "/rounds/3/issues",
    "/rounds/1/participants",
    "/rounds/2/participants",
    "/rounds/2/participants?support=corroborated&limit=2",
    "/participants",
    "/participants?side=RU",
    "/participants?side=US&kind=person&sort=-name_en",
    "/participants?kind=organization&sort=side,name_ar",
    "/participants?q=دارشيف",
    "/participants?q=Coulter&support=disputed",
    "/participants?limit=5&offset=5",
    "/participants/alexander-darchiev/rounds",
    "/participants/sonata-coulter/rounds?support=corroborated",
    "/issues",
    "/issues?round=2",
    "/issues?round=1&raised_by=RU",
    "/issues?raised_by=US",
    "/issues?q=flights&sort=-name_en",
    "/issues?sort=name_ar&limit=4&offset=2",
    "/issues?support=disputed",
    "/issues/direct-flights/rounds",
    "/issues/visas/rounds?support=single_source",
    "/statements",
    "/statements?participant=alexander-darchiev",
    "/statements?round=2&sort=-date",
    "/statements?issue=direct-flights",
    "/statements?sort=speaker,-id&limit=7&offset=7",
    "/events",
    "/events?from=2025-04-01&to=2025-04-30",
    "/events?participant=alexander-darchiev&sort=-date",
    "/events?kind=meeting",
    "/events?sort=kind,-id&limit=10",
    "/events?from=2025-05-01&to=2025-01-01",
    "/conflicts",
    "/conflicts?subject_kind=participant",
    "/conflicts?limit=2&offset=1",
    "/sources",
    "/sources?sort=-published_date",
    "/sources?q=Killenworth",
    "/sources/ryabkov-new-round/citations",
    "/sources/constructive-talks-istanbul/citations?support=disputed&limit=5&offset=2",
    "/sources/toxic-legacy-talks/citations?limit=500",
    "/search?q=دارشيف",
    "/search?q=Killenworth",
    "/search?q=direct%20flights&type=issue",
    "/search?q=الرحلات&limit=3&offset=2",
    "/search?q=zzzznothing",
]
DOCUMENTS = [
    "/rounds/1",
    "/rounds/2",
    "/rounds/3",
    "/rounds/1/compare/2",
    "/rounds/2/compare/1",
    "/rounds/2/compare/3",
    "/participants/alexander-darchiev",
    "/participants/sonata-coulter",
    "/participants/tass",
    "/issues/direct-flights",
    "/issues/seized-diplomatic-property",
    "/issues/visas",
    "/sources/ryabkov-new-round",
    "/sources/istanbul-meeting-preview",
    "/meta",
]
ERRORS = [
    "/rounds/99",
    "/rounds/0",
    "/rounds/abc",
    "/rounds/99/issues",
    "/rounds/2/compare/99",
    "/participants/nobody",
    "/participants/nobody/rounds",
    "/issues/nothing",
    "/sources/nothing/citations",
    "/no-such-endpoint",
    "/rounds?sort=bogus",
    "/rounds?limit=0",
    "/rounds?limit=501",
    "/rounds?offset=-1",
    "/rounds?sid=RU",
    "/rounds?lang=fr",
    "/rounds?format=xml",
    "/participants?side=XX",
    "/search",
    "/search?q=%20",
    "/events?from=0",
    "/events?to=2025-13-01",
    "/statements?round=0",
    "/conflicts?subject_kind=venue",
]


def cases() -> list[tuple[str, dict[str, str]]]:
    found: list[tuple[str, dict[str, str]]] = []
    for path in LISTS:
        for suffix in ("", "lang=en", "lang=ar"):
            url = path + (("&" if "?" in path else "?") + suffix if suffix else "")
            found.append((url, {}))
            csv_url = url + ("&" if "?" in url else "?") + "format=csv"
            found.append((csv_url, {}))
        found.append((path, {"Accept": "text/csv"}))
    for path in DOCUMENTS:
        for suffix in ("", "?lang=en", "?lang=ar"):
            found.append((path + suffix, {}))
    found.extend((path, {}) for path in ERRORS)
    found.append(("/export", {}))
    found.append(("/health", {}))
    return found


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
        if url == "/export":
            # Too large to keep whole: its canonical form's digest stands for it.
            canonical = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
            recorded["body_sha256"] = hashlib.sha256(canonical.encode()).hexdigest()
        else:
            recorded["body"] = body
    else:
        recorded["text"] = response.text
    return recorded


def conditional_snapshot(client: TestClient, url: str) -> dict[str, Any]:
    first = client.get(API + url)
    again = client.get(API + url, headers={"If-None-Match": first.headers["etag"]})
    return {"status": again.status_code, "body": again.text, "has_etag": "etag" in again.headers}


ALL_CASES = cases()


@pytest.mark.parametrize(("url", "headers"), ALL_CASES, ids=[u for u, _ in ALL_CASES])
def test_response_matches_golden_file(
    client: TestClient, url: str, headers: dict[str, str]
) -> None:
    path = GOLDEN_DIR / name_of(url, headers)
    recorded = snapshot(client, url, headers)
    if RECORDING:
        GOLDEN_DIR.mkdir(exist_ok=True)
        path.write_text(json.dumps(recorded, ensure_ascii=False, indent=1) + "\n")
    golden = json.loads(path.read_text())
    # json.dumps keeps each object's key order, so this compares values and key order both.
    assert json.dumps(recorded, ensure_ascii=False) == json.dumps(golden, ensure_ascii=False)


@pytest.mark.parametrize("url", ["/rounds/2/issues", "/participants/tass", "/search?q=visas"])
def test_a_matching_etag_gets_an_empty_304(client: TestClient, url: str) -> None:
    assert conditional_snapshot(client, url) == {"status": 304, "body": "", "has_etag": True}


def test_every_golden_file_is_a_current_case() -> None:
    expected = {name_of(url, headers) for url, headers in ALL_CASES}
    assert len(expected) == len(ALL_CASES) > 400
    assert {path.name for path in GOLDEN_DIR.glob("*.json")} == expected


def test_the_openapi_document_matches_its_golden_file(client: TestClient) -> None:
    served = client.get("/openapi.json").json()
    if RECORDING:
        OPENAPI_GOLDEN.write_text(json.dumps(served, ensure_ascii=False, indent=1) + "\n")
    golden = json.loads(OPENAPI_GOLDEN.read_text())
    assert json.dumps(served, ensure_ascii=False) == json.dumps(golden, ensure_ascii=False)
