"""ASGI middleware for what every response shares: ids, logs, security headers, caching.

Written as plain ASGI (not BaseHTTPMiddleware) so each layer costs one function call.
"""

import hashlib
import re
import time
import uuid
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import problem_response
from app.api.representation import accepts_only_csv
from app.api.response_cache import ResponseCache
from app.core.access_log import AccessLog, Entry
from app.core.headers import SECURITY_HEADERS, STRICT_CSP

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# No URL of the API comes near these: beyond them a request is refused before anything parses
# it (a 30 KB path, 10,000 repeated parameters), and the log keeps only the start of what it got.
MAX_PATH_BYTES = 4096
MAX_QUERY_PARAMETERS = 256
LOGGED_CHARACTERS = 1000


class RequestContextMiddleware:
    """Gives every request an id (echoed as X-Request-ID), logs it, adds security headers."""

    def __init__(self, app: ASGIApp, access_log: AccessLog) -> None:
        self.app = app
        self.access_log = access_log

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
                headers.update(SECURITY_HEADERS)
                # The docs pages bring their own policy; everything else gets the strict one.
                headers.setdefault("Content-Security-Policy", STRICT_CSP)
            await send(message)

        try:
            refused = _absurd(scope)
            if refused is None:
                await self.app(scope, receive, send_with_headers)
            else:
                await problem_response(414, refused)(scope, receive, send_with_headers)
        finally:
            if self.access_log.enabled():
                entry = Entry(
                    request_id=request_id,
                    method=scope["method"],
                    path=_clipped(scope["path"]),
                    query=_clipped(scope["query_string"].decode("latin-1")),
                    status=status,
                    duration_ms=round((time.perf_counter() - started) * 1000, 2),
                )
                self.access_log.add(time.time(), entry)


def _absurd(scope: Scope) -> str | None:
    """Why a request's URL is refused unread, if it is: counted in bytes, not parsed."""
    if len(scope.get("raw_path") or scope["path"].encode()) > MAX_PATH_BYTES:
        return f"The path is longer than {MAX_PATH_BYTES} bytes; no endpoint has such a path."
    if scope["query_string"].count(b"&") >= MAX_QUERY_PARAMETERS:
        return (
            f"The query has more than {MAX_QUERY_PARAMETERS} parameters; no endpoint takes "
            "that many."
        )
    return None


def _clipped(text: str) -> str:
    return text if len(text) <= LOGGED_CHARACTERS else text[:LOGGED_CHARACTERS] + "…"


class HeadAsGetMiddleware:
    """Answers HEAD exactly as GET, headers and all, without the body (RFC 9110, 9.3.2).

    Routes are declared for GET only, so the OpenAPI document lists each operation once.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


VARY = "Accept, Accept-Encoding"
NOT_MODIFIED_HEADERS = {
    b"etag",
    b"cache-control",
    b"vary",
    b"expires",
    b"content-location",
    b"content-security-policy",
}


def representation_key(scope: Scope) -> str:
    """Everything a GET's bytes depend on, normalised as the app will parse it.

    The query is decoded and its parameters ordered by name (a repeated one stays repeated, so
    its request, which the route refuses, never shares a key with a single one), so
    ``lang=%65n`` and ``lang=en``, or ``a=1&&b=2`` and ``b=2&a=1``, are one representation.
    The Host is part of it because ``Link`` headers are absolute URLs.
    """
    headers = Headers(scope=scope)
    pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
    pairs.sort(key=lambda pair: pair[0])
    return "\n".join(
        (
            scope.get("scheme", "http"),
            headers.get("host", ""),
            scope["path"],
            urlencode(pairs),
            "csv" if accepts_only_csv(headers.get("accept", "")) else "",
            "gzip" if accepts_gzip(headers.get("accept-encoding", "").encode("latin-1")) else "",
        )
    )


class ConditionalGetMiddleware:
    """Strong ETags on every 200 GET, 304s for a matching If-None-Match, and a response cache.

    The data only changes when the seed runs, and a process serves one build for its whole
    life, so the same request always gets the same bytes: the tag is a digest of the data
    version and the normalised request, and a finished 200 can be kept and sent again.
    Only a 200 gets a tag, so ``If-None-Match: *`` on a missing record is still a 404.
    """

    def __init__(
        self, app: ASGIApp, served_build: Callable[[], str], max_age: int, cache: ResponseCache
    ) -> None:
        self.app = app
        # What every body depends on besides the request: the build's seal of the file's bytes,
        # so another build (or another data version) never validates an old tag.
        self.served_build = served_build
        self.cache_control = f"public, max-age={max_age}"
        self.cache = cache

    def etag(self, key: str) -> str:
        digest = hashlib.sha256(f"{self.served_build()}\n{key}".encode()).hexdigest()
        return f'"{digest[:32]}"'

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        key = representation_key(scope)
        etag = self.etag(key)
        if_none_match = Headers(scope=scope).get("if-none-match")
        cached = self.cache.get(key)
        if cached is not None:
            cached_headers, cached_body = cached
            if if_none_match and _matches(if_none_match, etag):
                await self._not_modified(send, cached_headers)
                return
            await send({"type": "http.response.start", "status": 200, "headers": cached_headers})
            await send({"type": "http.response.body", "body": cached_body})
            return

        tagged: list[tuple[bytes, bytes]] | None = None
        not_modified = False
        body = bytearray()

        async def send_tagged(message: Message) -> None:
            nonlocal tagged, not_modified
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if message["status"] != 200 or headers.get("cache-control") == "no-store":
                    await send(message)
                    return
                headers["ETag"] = etag
                # A page that says how it may be cached (the docs, the explorer) keeps its word.
                headers.setdefault("Cache-Control", self.cache_control)
                headers["Vary"] = merge_vary(headers.get("vary"), VARY)
                if if_none_match and _matches(if_none_match, etag):
                    not_modified = True
                    await self._not_modified(send, headers.raw)
                    return
                length = headers.get("content-length")
                # A body announced too large to keep (the database file) is never gathered.
                if length is None or self.cache.fits(int(length)):
                    tagged = list(headers.raw)
            elif not_modified:
                return  # the 304 has gone out; the body is not sent
            elif message["type"] == "http.response.body" and tagged is not None:
                body.extend(message.get("body", b""))
                if not self.cache.fits(len(body)):
                    # Too large to keep after all: what was gathered is let go at once, not
                    # held while a slow client reads the rest.
                    tagged = None
                    body.clear()
                elif not message.get("more_body", False):
                    self.cache.put(key, tagged, bytes(body))
            await send(message)

        await self.app(scope, receive, send_tagged)

    async def _not_modified(self, send: Send, headers: list[tuple[bytes, bytes]]) -> None:
        """A 304 with the headers a cache updates its stored response from (RFC 9110, 15.4.5):
        a browser merges them into its copy, so a page's own security policy must be among
        them, or the stricter default of the API would replace it and blank the page."""
        kept = [(name, value) for name, value in headers if name.lower() in NOT_MODIFIED_HEADERS]
        await send({"type": "http.response.start", "status": 304, "headers": kept})
        await send({"type": "http.response.body", "body": b""})


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


class GZipWhenAccepted:
    """Starlette's gzip, entered only by clients that accept gzip (it costs the others too)."""

    def __init__(self, app: ASGIApp, minimum_size: int, compresslevel: int) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size, compresslevel=compresslevel)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and accepts_gzip(_header(scope, b"accept-encoding")):
            await self.gzip(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def accepts_gzip(accept_encoding: bytes) -> bool:
    """Whether Accept-Encoding names gzip without ``q=0`` (RFC 9110, 12.5.3). Starlette's
    middleware only looks for the word, so ``gzip;q=0`` would get gzip."""
    if b"gzip" not in accept_encoding:
        return False
    allowed: dict[bytes, bool] = {}
    for item in accept_encoding.lower().split(b","):
        coding, _, parameters = item.strip().partition(b";")
        quality = parameters.strip().removeprefix(b"q=").strip() if parameters else b"1"
        try:
            allowed[coding.strip()] = float(quality) > 0
        except ValueError:
            allowed[coding.strip()] = True
    return allowed.get(b"gzip", False)


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return b""
