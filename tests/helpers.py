import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from app.core.config import Settings

API = "/api/v1"
PROJECT_ROOT = Path(__file__).resolve().parents[1]
# The curated data the suite builds and serves: seed/data/ and seed/documents/, unless
# PARLEY_DATA_DIR and PARLEY_DOCUMENTS_DIR point at other data (a grown copy, tests/grown.py).
DATA_DIR = Settings().data_dir
DOCUMENTS_DIR = Settings().documents_dir
# The articles the data was first curated from; tests of facts only they state name them.
FIVE_ARTICLES = {
    "istanbul-round-two-opens",
    "constructive-talks-istanbul",
    "istanbul-meeting-preview",
    "toxic-legacy-talks",
    "ryabkov-new-round",
}


def run_module(
    module: str,
    *arguments: str,
    env: dict[str, str] | None = None,
    cwd: Path = PROJECT_ROOT,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``python -m module arguments...`` as a user runs it, from the project root unless told
    otherwise; its output captured as text, its exit status left to the test."""
    return subprocess.run(
        [sys.executable, "-m", module, *arguments],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """Every error is RFC 9457 problem+json with the same members, and leaks no internals."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["type"] == "about:blank"
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body["detail"], str) and body["detail"]
    assert set(body) <= {"type", "title", "status", "detail", "errors"}
    for leak in ("Traceback", "SELECT ", "sqlite3.", "OperationalError", 'File "'):
        assert leak not in response.text
    return body


def items(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    body = response.json()
    # The list envelope; a search's also says what to search for instead.
    assert set(body) - {"suggestions"} == {"items", "total", "limit", "offset"}
    result: list[dict[str, Any]] = body["items"]
    return result


def by_id(rows: list[dict[str, Any]], key: str = "id") -> dict[str, dict[str, Any]]:
    return {row[key]: row for row in rows}


def sources_of(record: dict[str, Any]) -> set[str]:
    return {citation["source_id"] for citation in record["citations"]}


def access_entries(caplog: Any, request_id: str, timeout: float = 10.0) -> list[dict[str, Any]]:
    """The access-log entries caught so far, once the one for ``request_id`` is among them: the
    app hands its lines to the logger in batches, a few milliseconds after each request."""
    deadline = time.monotonic() + timeout
    while True:
        entries = [
            json.loads(record.getMessage())
            for record in caplog.records
            if record.name == "parley.access"
        ]
        if any(entry["request_id"] == request_id for entry in entries):
            return entries
        if time.monotonic() > deadline:
            raise AssertionError(f"no access-log line for request {request_id} in {timeout} s")
        time.sleep(0.01)
