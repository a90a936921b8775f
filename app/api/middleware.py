"""ASGI middleware for what every response shares: ids, logs, security headers, caching, CSV.

Written as plain ASGI (not BaseHTTPMiddleware) so each layer costs one function call.
"""

import csv
import hashlib
import io
import json
import logging
import re
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.language import bilingual_base, requested_language
from app.api.rewrite import rewrite_json_response

access_log = logging.getLogger("parley.access")

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
DOC_PATHS = ("/docs", "/redoc")
# The API serves only JSON and CSV: nothing may run, load or frame it.
STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"


class RequestContextMiddleware:
    """Gives every request an id (echoed as X-Request-ID), logs it, adds security headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        offered = Headers(scope=scope).get("x-request-id", "")
        request_id = offered if REQUEST_ID.match(offered) else uuid.uuid4().hex
        started = time.perf_counter()
        status = 500

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = request_id
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                if not scope["path"].startswith(DOC_PATHS):
                    headers["Content-Security-Policy"] = STRICT_CSP
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            if access_log.isEnabledFor(logging.INFO):
                self._log(scope, request_id, status, started)

    @staticmethod
    def _log(scope: Scope, request_id: str, status: int, started: float) -> None:
        entry = {
            "request_id": request_id,
            "method": scope["method"],
            "path": scope["path"],
            "query": scope["query_string"].decode("latin-1")[:1000],
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
        }
        access_log.info(json.dumps(entry))


def wants_csv(scope: Scope) -> bool:
    query = scope["query_string"]
    if b"format=csv" in query:
        return True
    accept = Headers(scope=scope).get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


class ConditionalGetMiddleware:
    """Strong ETags from the data version and the request; If-None-Match answers 304.

    The data only changes when the seed runs, so the same request against the same data
    version always gets the same representation, and the tag can be known before the
    route runs: a matching request never reaches the database.
    """

    def __init__(
        self,
        app: ASGIApp,
        data_version: Callable[[], str],
        max_age: int,
        cache_entries: int = 0,
    ) -> None:
        self.app = app
        self.data_version = data_version
        self.cache_control = f"public, max-age={max_age}"
        # Finished 200 responses by ETag: the tag names the data version and the request, so a
        # stored response is exactly what the app would compute again.
        self.cache: OrderedDict[str, tuple[list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self.cache_entries = cache_entries

    def etag(self, scope: Scope) -> str:
        headers = Headers(scope=scope)
        key = "\n".join(
            (
                self.data_version(),
                scope["path"],
                scope["query_string"].decode("latin-1"),
                "csv" if wants_csv(scope) else "json",
                "gzip" if "gzip" in headers.get("accept-encoding", "") else "identity",
            )
        )
        return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        etag = self.etag(scope)
        if_none_match = Headers(scope=scope).get("if-none-match")
        if if_none_match and _matches(if_none_match, etag):
            await send(
                {
                    "type": "http.response.start",
                    "status": 304,
                    "headers": [
                        (b"etag", etag.encode()),
                        (b"cache-control", self.cache_control.encode()),
                        (b"vary", VARY.encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        cached = self.cache.get(etag)
        if cached is not None:
            self.cache.move_to_end(etag)
            cached_headers, cached_body = cached
            await send({"type": "http.response.start", "status": 200, "headers": cached_headers})
            await send({"type": "http.response.body", "body": cached_body})
            return

        storing: list[tuple[bytes, bytes]] | None = None
        body = bytearray()

        async def send_with_etag(message: Message) -> None:
            nonlocal storing
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = MutableHeaders(scope=message)
                if headers.get("cache-control") == "no-store":
                    await send(message)
                    return
                headers["ETag"] = etag
                headers["Cache-Control"] = self.cache_control
                headers["Vary"] = merge_vary(headers.get("vary"), VARY)
                if self.cache_entries:
                    storing = list(headers.raw)
            elif message["type"] == "http.response.body" and storing is not None:
                body.extend(message.get("body", b""))
                if len(body) > MAX_CACHED_BODY:
                    storing = None  # the export and other large bodies stream every time
                elif not message.get("more_body", False):
                    self._store(etag, storing, bytes(body))
            await send(message)

        await self.app(scope, receive, send_with_etag)

    def _store(self, etag: str, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        self.cache[etag] = (headers, body)
        while len(self.cache) > self.cache_entries:
            self.cache.popitem(last=False)


VARY = "Accept, Accept-Encoding"
MAX_CACHED_BODY = 1024 * 1024


def merge_vary(existing: str | None, added: str) -> str:
    tokens: list[str] = []
    for token in f"{existing or ''},{added}".split(","):
        token = token.strip()
        if token and token.lower() not in (t.lower() for t in tokens):
            tokens.append(token)
    return ", ".join(tokens)


def _matches(if_none_match: str, etag: str) -> bool:
    candidates = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in candidates or etag in candidates


class CsvMiddleware:
    """Serves any list as CSV (``format=csv`` or ``Accept: text/csv``): a header row, UTF-8.

    Nested values (citations, lists of sides) are written as JSON inside their cell.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not wants_csv(scope):
            await self.app(scope, receive, send)
            return

        def to_csv_body(headers: MutableHeaders, payload: Any) -> bytes | None:
            if not (isinstance(payload, dict) and isinstance(payload.get("items"), list)):
                return None
            headers["Content-Type"] = "text/csv; charset=utf-8"
            headers["X-Total-Count"] = str(payload.get("total", len(payload["items"])))
            return to_csv(payload["items"], _declared_columns(scope)).encode("utf-8")

        await rewrite_json_response(self.app, scope, receive, send, to_csv_body)


def _declared_columns(scope: Scope) -> list[str]:
    """The item fields the route's response model declares, so an empty list has a header."""
    model = getattr(scope.get("route"), "response_model", None)
    item_model = getattr(model, "model_fields", {}).get("items")
    args = getattr(item_model.annotation, "__args__", ()) if item_model else ()
    fields = list(getattr(args[0], "model_fields", {})) if args else []
    if requested_language(scope):
        fields = list(dict.fromkeys(bilingual_base(name, fields) or name for name in fields))
    return fields


def to_csv(items: list[dict[str, Any]], declared: list[str] | None = None) -> str:
    columns: list[str] = list(declared or [])
    for item in items:
        columns.extend(key for key in item if key not in columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for item in items:
        writer.writerow([_cell(item.get(column)) for column in columns])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
