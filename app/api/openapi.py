"""The OpenAPI document as generators need it: every error, header and media type declared."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.api.errors import PROBLEM_JSON, Problem
from app.api.localized import localized_schema
from app.api.routing import CSV_SUFFIX

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
LOCALIZED = "Localized"
PROBLEMS = {
    "404": "Not Found: no such record or endpoint.",
    "422": "Unprocessable Content: a parameter is malformed, out of range or unknown.",
    "503": "Service Unavailable: the query took longer than the server allows.",
}
CACHE_HEADERS = {
    "ETag": {
        "description": "Strong validator; send it back as If-None-Match.",
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": "How long the response may be reused.",
        "schema": {"type": "string"},
    },
    "X-Request-ID": {"description": "The request's id, as logged.", "schema": {"type": "string"}},
}
# Answered fresh every time (Cache-Control: no-store): no ETag, never a 304.
UNCACHED_OPERATIONS = {"read_health"}
TOTAL_COUNT = {
    "description": "How many items match, across all pages (the JSON envelope's `total`).",
    "schema": {"type": "string"},
}
CSV_TABLE = {
    "type": "string",
    "description": "The items as CSV (RFC 4180, UTF-8), header row first.",
}
CSV_DESCRIPTION = (
    "The list's items as a CSV table: one row per item, one column per field (with `lang`, "
    "one column per bilingual field). The same table answers the JSON path with "
    "`Accept: text/csv` or `format=csv`."
)
LIST_HEADERS = {
    "Link": {
        "description": 'RFC 8288 links to the rel="next" and rel="prev" pages.',
        "schema": {"type": "string"},
    },
}


def _document(app: FastAPI) -> dict[str, Any]:
    schema = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
    )
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(problem.pop("$defs", {}))
    schemas["Problem"] = problem
    # FastAPI's own validation error shapes are never sent: every error is a Problem.
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    # With `lang`, a response has the same shape with each bilingual pair as one field.
    for name in list(schemas):
        localized = localized_schema(schemas[name], LOCALIZED)
        # A title of its own: generated clients name their classes by titles, and two schemas
        # with one title are taken for duplicates (openapi-python-client then drops both).
        if "title" in localized:
            localized["title"] = name + LOCALIZED
        schemas[name + LOCALIZED] = localized
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            responses = operation["responses"]
            for status, description in PROBLEMS.items():
                # A response the route declares itself is kept (/health's 503 is its own body);
                # the 422 FastAPI adds, in its validation shape, is always a Problem here.
                if status in responses and status != "422":
                    continue
                responses[status] = {
                    "description": description,
                    "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
                }
            ok = responses["200"]
            if operation["operationId"] in UNCACHED_OPERATIONS:
                ok["headers"] = {"X-Request-ID": CACHE_HEADERS["X-Request-ID"]}
            else:
                responses["304"] = {"description": "Not Modified: the If-None-Match ETag matches."}
                ok["headers"] = dict(CACHE_HEADERS)
            if path.endswith(CSV_SUFFIX):
                # A list's CSV twin: one body type, the table.
                ok["headers"].update(LIST_HEADERS)
                ok["headers"]["X-Total-Count"] = TOTAL_COUNT
                ok["content"] = {"text/csv": {"schema": CSV_TABLE}}
                operation["description"] = (
                    f"{operation.get('description', '')}\n\n{CSV_DESCRIPTION}".strip()
                )
                continue
            content = ok["content"].get("application/json", {})
            if "$ref" in content.get("schema", {}):
                content["schema"] = {
                    "anyOf": [content["schema"], localized_schema(content["schema"], LOCALIZED)]
                }
            # A list is an operation whose response is the paged envelope (a search's too).
            ref = content.get("schema", {}).get("anyOf", [{}])[0].get("$ref", "")
            envelope = schemas.get(ref.removeprefix("#/components/schemas/"), {})
            if {"items", "total", "limit", "offset"} <= set(envelope.get("properties", {})):
                ok["headers"].update(LIST_HEADERS)
    return schema


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _document(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
