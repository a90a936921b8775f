"""Malformed and oversized values for every parameter of every operation: always a 4xx problem.

The operations and their parameters come from the OpenAPI document, so a new endpoint or
parameter is covered without editing this file.
"""

import logging
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.helpers import access_entries, assert_problem

VALID_PATH_VALUES = {
    "number": "2",
    "other": "1",
    "participant_id": "alexander-darchiev",
    "issue_id": "direct-flights",
    "source_id": "ryabkov-new-round",
}
OVERSIZED = "ج" * 10_000
HOSTILE_STRINGS = ["' OR 1=1 --", "\u202e\u200b", "%00", "🙂" * 50, "\\", "../../etc/passwd"]
MALFORMED_BY_TYPE = {
    "integer": ["abc", "1.5", "-1", "1e3", "99999999999999999999999", "٢", " "],
    "date": ["0", "2025-13-01", "2025-02-30", "yesterday", "1700000000", "25-04-10"],
    "enum": ["XX", "", "ru", "null"],
    "pattern": ["!!", ",", "--id", "id,"],
    "text": [" ", "\t\n ", "\u3000"],
}


def operations(app: FastAPI) -> list[tuple[str, dict[str, Any]]]:
    document = app.openapi()
    return [
        (path, operation["get"])
        for path, operation in document["paths"].items()
        if "get" in operation
    ]


def value_kind(schema: dict[str, Any]) -> str | None:
    for option in schema.get("anyOf", [schema]):
        if "enum" in option or "$ref" in option:
            return "enum"
        if option.get("format") == "date":
            return "date"
        if option.get("type") == "integer":
            return "integer"
        if option.get("pattern") == "\\S":
            return "text"
        if "pattern" in option:
            return "pattern"
    return None


def url(path: str) -> str:
    for name, value in VALID_PATH_VALUES.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"no valid value for a path parameter in {path}"
    return path


def test_every_parameter_rejects_malformed_and_oversized_values(
    app: FastAPI, client: TestClient
) -> None:
    checked = 0
    for path, operation in operations(app):
        for parameter in operation.get("parameters", []):
            name, where = parameter["name"], parameter["in"]
            kind = value_kind(parameter["schema"])
            bad_values = [OVERSIZED, *MALFORMED_BY_TYPE.get(kind or "", [])]
            if kind == "enum" and name == "format" and path.endswith("/export"):
                bad_values.append("csv")
            for bad in bad_values:
                if where == "path":
                    segment = quote(bad, safe="")
                    response = client.get(url(path.replace("{" + name + "}", segment)))
                else:
                    response = client.get(url(path), params={name: bad})
                assert 400 <= response.status_code < 500, (path, name, bad, response.text)
                assert_problem(response, response.status_code)
                checked += 1
    assert checked > 200


@pytest.mark.parametrize("value", HOSTILE_STRINGS)
def test_free_text_parameters_find_nothing_and_never_fail(
    app: FastAPI, client: TestClient, value: str
) -> None:
    for path, operation in operations(app):
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query" or value_kind(parameter["schema"]) is not None:
                continue
            response = client.get(url(path), params={parameter["name"]: value})
            assert response.status_code in (200, 422), (path, parameter["name"], response.text)
            if response.status_code == 200 and path.endswith(".csv"):
                assert response.headers["x-total-count"] == "0"
            elif response.status_code == 200:
                assert response.json()["total"] == 0
            else:
                assert_problem(response, 422)
        for name in VALID_PATH_VALUES:
            if "{" + name + "}" in path:
                # A slug that matches nothing is unknown (404); a round number must be a number
                # (422), unless a decoded "/" made it another, unknown path (404).
                segment = quote(value, safe="")
                response = client.get(url(path.replace("{" + name + "}", segment)))
                is_number = name in ("number", "other")
                expected = {404} if not is_number else {404, 422} if "/" in value else {422}
                assert response.status_code in expected, (path, value, response.text)
                assert_problem(response, response.status_code)


def test_an_absurd_url_is_a_414_before_anything_parses_it(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    long_path = assert_problem(client.get("/api/v1/" + "a" * 5000), 414)
    assert "path is longer than 4096 bytes" in long_path["detail"]
    many = "&".join(f"round={n}" for n in range(300))
    with caplog.at_level(logging.INFO, logger="parley.access"):
        response = client.get(f"/api/v1/issues?{many}")
        logged = access_entries(caplog, response.headers["x-request-id"])
    body = assert_problem(response, 414)
    assert "more than 256 parameters" in body["detail"]
    # The log keeps only the start of what the client sent.
    assert logged and all(len(entry["query"]) <= 1001 for entry in logged)
    # Under the limits, the request is answered on its merits.
    assert_problem(client.get("/api/v1/issues?" + "&".join(["round=1"] * 3)), 422)
