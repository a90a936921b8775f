"""The one ASGI layer in front of the routes: what every request and response shares.

Outermost first, as a response leaves: the request's id (echoed as X-Request-ID), its
access-log line and the security headers; HEAD answered exactly as GET without the body; CORS;
strong ETags on 200 GETs, a 304 for a matching If-None-Match, and the response cache; gzip for
clients that accept it. These were five middleware layers, each parsing the request's headers
into its own object and rewriting the response's head through another: together about half
of a cold request. As one layer the request's headers are read in one pass and the response's
head is rewritten once, as the list the server sends, with Starlette's rules for each header
(``set_header`` is ``MutableHeaders.__setitem__``). CORS is Starlette's own configuration and
preflight; gzip is Starlette's middleware, entered only by clients that accept gzip.
"""

import hashlib
import re
import secrets
import time
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import problem_response
from app.api.representation import accepts_only_csv
from app.api.response_cache import ResponseCache
from app.core.access_log import AccessLog, Entry
from app.core.headers import SECURITY_HEADERS, STRICT_CSP

RawHeaders = list[tuple[bytes, bytes]]

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# No URL of the API comes near these: beyond them a request is refused before anything parses
# it (a 30 KB path, 10,000 repeated parameters), and the log keeps only the start of what it got.
MAX_PATH_BYTES = 4096
MAX_QUERY_PARAMETERS = 256
LOGGED_CHARACTERS = 1000

# The request headers this layer acts on, read once per request (the first of each, as
# ``Headers.get`` reads them).
READ_HEADERS = frozenset(
    {
        b"x-request-id",
        b"origin",
        b"if-none-match",
        b"accept",
        b"accept-encoding",
        b"host",
        b"access-control-request-method",
    }
)
VARY = "Accept, Accept-Encoding"
NOT_MODIFIED_HEADERS = {
    b"etag",
    b"cache-control",
    b"vary",
    b"expires",
    b"content-location",
    b"content-security-policy",
}
SECURITY = [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]
STRICT_CSP_BYTES = STRICT_CSP.encode()


def read_headers(scope: Scope) -> dict[bytes, str]:
    found: dict[bytes, str] = {}
    for name, value in scope["headers"]:
        if name in READ_HEADERS and name not in found:
            found[name] = value.decode("latin-1")
    return found


def header(raw: RawHeaders, name: bytes) -> bytes | None:
    return next((value for key, value in raw if key == name), None)


def set_header(raw: RawHeaders, name: bytes, value: bytes) -> None:
    """As ``MutableHeaders.__setitem__``: the first ``name`` takes the value, any others go; a
    header not there yet is added at the end."""
    found = [index for index, (key, _) in enumerate(raw) if key == name]
    for index in reversed(found[1:]):
        del raw[index]
    if found:
        raw[found[0]] = (name, value)
    else:
        raw.append((name, value))


def add_vary(raw: RawHeaders, token: str) -> None:
    """As Starlette's CORS middleware: every Vary given, and ``token``, as one header."""
    given = [value.decode("latin-1") for key, value in raw if key == b"vary"]
    set_header(raw, b"vary", ", ".join([*given, token]).encode("latin-1"))


class Edge:
    def __init__(
        self,
        app: ASGIApp,
        access_log: AccessLog,
        served_build: Callable[[], str],
        max_age: int,
        cache: ResponseCache,
        allowed_origins: list[str],
        gzip_minimum_size: int,
        gzip_level: int,
    ) -> None:
        self.app = app
        self.access_log = access_log
        # What every body depends on besides the request: the build's seal of the file's bytes,
        # so another build (or another data version) never validates an old tag.
        self.served_build = served_build
        self.cache_control = f"public, max-age={max_age}".encode()
        self.cache = cache
        self.cors = CORSMiddleware(
            app,
            allow_origins=allowed_origins,
            allow_methods=["GET"],
            allow_headers=["If-None-Match", "X-Request-ID", "Accept"],
            expose_headers=["ETag", "Link", "X-Request-ID", "X-Total-Count"],
            max_age=600,
        )
        self.cors_headers = [
            (name.lower().encode(), value.encode("latin-1"))
            for name, value in self.cors.simple_headers.items()
        ]
        # Level 5 compresses these JSON bodies almost as well as 9, at a fraction of the CPU.
        self.gzip = GZipMiddleware(app, minimum_size=gzip_minimum_size, compresslevel=gzip_level)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = read_headers(scope)
        offered = request.get(b"x-request-id", "")
        # 128 random bits as 32 hex digits, a fourth of the cost of formatting a uuid4.
        request_id = offered if REQUEST_ID.match(offered) else secrets.token_hex(16)
        stamp = request_id.encode()
        started = time.perf_counter()
        status = 500

        async def identified(message: Message) -> None:
            """The request's id and the security headers, on every response."""
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                raw = message["headers"]
                present = {name for name, _ in raw}
                added = [(b"x-request-id", stamp), *SECURITY]
                if present.isdisjoint(name for name, _ in added):
                    raw.extend(added)  # the usual case: what set_header would do, in one go
                else:
                    for name, value in added:
                        set_header(raw, name, value)
                # The docs pages bring their own policy; everything else gets the strict one.
                if b"content-security-policy" not in present:
                    raw.append((b"content-security-policy", STRICT_CSP_BYTES))
            await send(message)

        head = scope["method"] == "HEAD"
        origin = request.get(b"origin")

        async def shared(message: Message) -> None:
            """CORS on every response the routes give, and no body for a HEAD."""
            if message["type"] == "http.response.start":
                message = {**message, "headers": list(message.get("headers", ()))}
                self.add_cors(message["headers"], origin)
            elif head and message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await identified(message)

        try:
            refused = absurd(scope)
            if refused is not None:
                await problem_response(414, refused)(scope, receive, self.listed(identified))
            elif (
                origin is not None
                and scope["method"] == "OPTIONS"
                and b"access-control-request-method" in request
            ):
                preflight = self.cors.preflight_response(request_headers=Headers(scope=scope))
                await preflight(scope, receive, self.listed(identified))
            else:
                # HEAD is answered as GET (RFC 9110, 9.3.2): routes are declared for GET only,
                # so the OpenAPI document lists each operation once.
                inner = {**scope, "method": "GET"} if head else scope
                # Asked once: the answer's bytes, and so the cache's key, depend on it too.
                gzip = accepts_gzip(request.get(b"accept-encoding", "").encode("latin-1"))
                if inner["method"] == "GET":
                    await self.conditional(inner, receive, shared, request, gzip)
                else:
                    await self.compressed(inner, receive, shared, gzip)
        finally:
            if self.access_log.enabled():
                entry = Entry(
                    request_id=request_id,
                    method=scope["method"],
                    path=clipped(scope["path"]),
                    query=clipped(scope["query_string"].decode("latin-1")),
                    status=status,
                    duration_ms=round((time.perf_counter() - started) * 1000, 2),
                )
                self.access_log.add(time.time(), entry)

    @staticmethod
    def listed(send: Send) -> Send:
        """``send`` for a response built here, whose head's headers are made a list first."""

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": list(message.get("headers", ()))}
            await send(message)

        return sending

    def add_cors(self, raw: RawHeaders, origin: str | None) -> None:
        """Starlette's CORS headers for a simple (not preflight) request."""
        cors = self.cors
        if origin is not None:
            for name, value in self.cors_headers:
                set_header(raw, name, value)
        if origin is not None and (
            (cors.allow_all_origins and cors.allow_credentials)
            or (not cors.allow_all_origins and cors.is_allowed_origin(origin=origin))
        ):
            set_header(raw, b"access-control-allow-origin", origin.encode("latin-1"))
        add_vary(raw, "Origin")

    async def compressed(self, scope: Scope, receive: Receive, send: Send, gzip: bool) -> None:
        """The routes' answer, gzipped for a client that accepts gzip."""
        if gzip:
            await self.gzip(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    def etag(self, key: str) -> bytes:
        digest = hashlib.sha256(f"{self.served_build()}\n{key}".encode()).hexdigest()
        return f'"{digest[:32]}"'.encode()

    async def conditional(
        self, scope: Scope, receive: Receive, send: Send, request: dict[bytes, str], gzip: bool
    ) -> None:
        """Strong ETags on every 200 GET, 304s for a matching If-None-Match, and the cache.

        The data only changes when the seed runs, and a process serves one build for its whole
        life, so the same request always gets the same bytes: the tag is a digest of the data
        version and the normalised request, and a finished 200 can be kept and sent again.
        Only a 200 gets a tag, so ``If-None-Match: *`` on a missing record is still a 404.
        """
        key = representation_key(scope, request, gzip)
        if_none_match = request.get(b"if-none-match")
        cached = self.cache.get(key)
        if cached is not None:
            cached_headers, cached_body = cached
            # The kept head carries the tag: it is worked out again only to compare.
            if if_none_match and matches(if_none_match, self.etag(key)):
                await self.not_modified(send, cached_headers)
                return
            await send({"type": "http.response.start", "status": 200, "headers": cached_headers})
            await send({"type": "http.response.body", "body": cached_body})
            return

        etag = self.etag(key)
        tagged: RawHeaders | None = None
        not_modified = False
        body = bytearray()

        async def send_tagged(message: Message) -> None:
            nonlocal tagged, not_modified
            if message["type"] == "http.response.start":
                raw = message["headers"] = list(message.get("headers", ()))
                if message["status"] != 200 or header(raw, b"cache-control") == b"no-store":
                    await send(message)
                    return
                set_header(raw, b"etag", etag)
                # A page that says how it may be cached (the docs, the explorer) keeps its word.
                if header(raw, b"cache-control") is None:
                    raw.append((b"cache-control", self.cache_control))
                vary = header(raw, b"vary")
                set_header(
                    raw,
                    b"vary",
                    merge_vary(vary.decode("latin-1") if vary else None, VARY).encode("latin-1"),
                )
                if if_none_match and matches(if_none_match, etag):
                    not_modified = True
                    await self.not_modified(send, raw)
                    return
                length = header(raw, b"content-length")
                # A body announced too large to keep (the database file) is never gathered.
                if length is None or self.cache.fits(int(length)):
                    tagged = list(raw)
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

        await self.compressed(scope, receive, send_tagged, gzip)

    @staticmethod
    async def not_modified(send: Send, headers: RawHeaders) -> None:
        """A 304 with the headers a cache updates its stored response from (RFC 9110, 15.4.5):
        a browser merges them into its copy, so a page's own security policy must be among
        them, or the stricter default of the API would replace it and blank the page."""
        kept = [(name, value) for name, value in headers if name.lower() in NOT_MODIFIED_HEADERS]
        await send({"type": "http.response.start", "status": 304, "headers": kept})
        await send({"type": "http.response.body", "body": b""})


def absurd(scope: Scope) -> str | None:
    """Why a request's URL is refused unread, if it is: counted in bytes, not parsed."""
    if len(scope.get("raw_path") or scope["path"].encode()) > MAX_PATH_BYTES:
        return f"The path is longer than {MAX_PATH_BYTES} bytes; no endpoint has such a path."
    if scope["query_string"].count(b"&") >= MAX_QUERY_PARAMETERS:
        return (
            f"The query has more than {MAX_QUERY_PARAMETERS} parameters; no endpoint takes "
            "that many."
        )
    return None


def clipped(text: str) -> str:
    return text if len(text) <= LOGGED_CHARACTERS else text[:LOGGED_CHARACTERS] + "…"


def representation_key(scope: Scope, request: dict[bytes, str], gzip: bool) -> str:
    """Everything a GET's bytes depend on, normalised as the app will parse it.

    The query is decoded and its parameters ordered by name (a repeated one stays repeated, so
    its request, which the route refuses, never shares a key with a single one), so
    ``lang=%65n`` and ``lang=en``, or ``a=1&&b=2`` and ``b=2&a=1``, are one representation.
    The Host is part of it because ``Link`` headers are absolute URLs.
    """
    query = scope["query_string"]
    if query:
        pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
        pairs.sort(key=lambda pair: pair[0])
        normalised = urlencode(pairs)
    else:
        normalised = ""
    return "\n".join(
        (
            scope.get("scheme", "http"),
            request.get(b"host", ""),
            scope["path"],
            normalised,
            "csv" if accepts_only_csv(request.get(b"accept", "")) else "",
            "gzip" if gzip else "",
        )
    )


def merge_vary(existing: str | None, added: str) -> str:
    tokens: list[str] = []
    for token in f"{existing or ''},{added}".split(","):
        token = token.strip()
        if token and token.lower() not in (t.lower() for t in tokens):
            tokens.append(token)
    return ", ".join(tokens)


def matches(if_none_match: str, etag: bytes) -> bool:
    candidates = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in candidates or etag.decode() in candidates


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
