"""The HTTP/1.1 connection handling ``python -m app`` serves with: uvicorn's httptools protocol,
with limits for clients that misbehave.

uvicorn's h11 protocol has some of these limits built in, but serves 40% fewer requests a
second here, so the fast parser is kept and given them:

- **A request's head must arrive in time and within a size.** A connection that has not sent
  a complete request line and headers within ``PARLEY_HEADER_TIMEOUT_SECONDS`` is closed (408
  if it had started), and one whose head passes ``PARLEY_MAX_HEADER_BYTES`` gets a 431 at
  once, without the server reading the rest. Otherwise idle sockets hold file descriptors
  for ever, and a 100 MB header is read and buffered in full.
- **Connections are capped** (``PARLEY_MAX_CONNECTIONS``): past the cap a new connection gets
  an immediate 503 and is closed, so a flood is told to come back rather than starving the
  clients already served. A few connections past the cap (``HEALTH_RESERVE``) are still
  let in for ``/health`` alone, so a load balancer can tell "full" from "down".
- **One address gets a fair share** (``PARLEY_MAX_CONNECTIONS_PER_CLIENT``, well below the
  cap): one client's flood of connections is refused with 503s while everyone else still
  gets in.
- **A client must read what it asked for** (``PARLEY_SEND_TIMEOUT_SECONDS``): a connection
  whose answer has waited that long for the client to read any of it is dropped, as nginx's
  ``send_timeout`` does, and its slot and buffers given back. Otherwise a reader that never
  reads holds both for ever.
- **A client may half-close** after sending its request (``shutdown(SHUT_WR)``, as
  ``curl --no-keepalive`` or ``nc -N`` do). asyncio closes the transport on EOF unless told
  otherwise, which dropped every answer not already written; here the answer is sent, then
  the connection closed.
- **HTTP/1.0 has no chunked encoding.** A body of unknown length (a streamed export, a gzipped
  file) is sent to an HTTP/1.0 client as the bytes until the connection closes, which is how
  that version delimits it, instead of in chunks it cannot parse.

- **An upgrade nobody supports ends the connection.** After ``Upgrade: h2c`` the parser
  reads nothing more, so the next request on that connection would never be answered: the
  request is answered as plain HTTP/1.1 and the connection then closed.

Every refusal is an RFC 9457 problem, like the app's own errors, with the security headers
of every answer.
"""

import asyncio
import json
import logging
from collections import Counter
from http import HTTPStatus
from typing import Any, ClassVar

import httptools
import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle

from app.core.config import HEALTH_PATH, Settings, get_settings
from app.core.headers import SECURITY_HEADERS, STRICT_CSP

# What every answer carries, the server's own refusals too (they never reach the app).
REFUSAL_HEADERS = {**SECURITY_HEADERS, "Content-Security-Policy": STRICT_CSP}

# Connections waiting to be accepted, and accepted in one go.
ACCEPT_BACKLOG = 512
# How long a refused connection stays open to read and drop what the client still sends.
LINGER_SECONDS = 1.0
# Connections past the cap still let in, for /health alone.
HEALTH_RESERVE = 16
AT_THE_CAP = "The server is at its connection limit; try again shortly."

log = logging.getLogger("parley")


class HardenedHttpToolsProtocol(HttpToolsProtocol):
    # Open connections by client address, across every connection of this process.
    per_client: ClassVar[Counter[str]] = Counter()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings = get_settings()
        self.max_head_bytes = settings.max_header_bytes
        self.head_timeout = settings.header_timeout_seconds
        self.max_connections = settings.max_connections
        self.max_per_client = settings.max_connections_per_client
        self.send_timeout = settings.send_timeout_seconds
        self.health_paths = {HEALTH_PATH, settings.api_prefix + HEALTH_PATH}
        self.head_bytes = 0
        self.reading_head = True
        self.head_timer: asyncio.TimerHandle | None = None
        self.send_timer: asyncio.TimerHandle | None = None
        self.peer_closed = False
        self.discarding = False
        self.health_only = False
        self.address = ""
        self.counted = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.address = self.client[0] if self.client else ""
        self.per_client[self.address] += 1
        self.counted = True
        if self.per_client[self.address] > self.max_per_client:
            self.refuse(
                503, "Too many connections from your address; close some and try again shortly."
            )
            return
        if len(self.connections) > self.max_connections + HEALTH_RESERVE:
            self.refuse(503, AT_THE_CAP)
            return
        self.health_only = len(self.connections) > self.max_connections
        self.expect_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self.cancel_head_timer()
        self.cancel_send_timer()
        if self.counted:
            self.counted = False
            self.per_client[self.address] -= 1
            if self.per_client[self.address] <= 0:
                del self.per_client[self.address]
        super().connection_lost(exc)

    def pause_writing(self) -> None:
        # The client has not read what was written: it has until the timer to start again.
        super().pause_writing()
        if self.send_timer is None:
            self.send_timer = self.loop.call_later(self.send_timeout, self.send_timed_out)

    def resume_writing(self) -> None:
        self.cancel_send_timer()
        super().resume_writing()

    def cancel_send_timer(self) -> None:
        if self.send_timer is not None:
            self.send_timer.cancel()
            self.send_timer = None

    def send_timed_out(self) -> None:
        self.send_timer = None
        log.warning(
            "dropped a connection from %s: it read nothing of its answer for %g s",
            self.address,
            self.send_timeout,
        )
        # abort, not close: close would wait to flush what the client is not reading.
        self.transport.abort()

    def _unsupported_upgrade_warning(self) -> None:
        # The parser stops at an upgrade it cannot do: answer this request, then close.
        if self.cycle is not None:
            self.cycle.keep_alive = False

    def data_received(self, data: bytes) -> None:
        if self.discarding:
            return
        if self.reading_head:
            # Up to the end of this head: the requests pipelined after it have their own.
            end = data.find(b"\r\n\r\n")
            self.head_bytes += len(data) if end < 0 else end + 4
            if self.head_bytes > self.max_head_bytes:
                self.refuse(
                    431, f"The request line and headers exceed {self.max_head_bytes} bytes."
                )
                return
        super().data_received(data)

    def on_headers_complete(self) -> None:
        self.reading_head = False
        self.cancel_head_timer()
        if self.health_only and httptools.parse_url(self.url).path.decode() not in (
            self.health_paths
        ):
            self.refuse(503, AT_THE_CAP)
            return
        super().on_headers_complete()
        if self.cycle is not None:
            # The cycle was just made for this request and has not run yet.
            write_head_with_body(self.cycle)
            if self.scope["http_version"] == "1.0":
                self.cycle.__class__ = CloseDelimitedCycle

    def on_body(self, body: bytes) -> None:
        if not self.discarding:  # a request refused at its head has no cycle to take it
            super().on_body(body)

    def on_message_complete(self) -> None:
        if self.discarding:
            return
        super().on_message_complete()
        self.expect_head()

    def eof_received(self) -> bool:  # type: ignore[override]  # asyncio's protocol allows a bool
        self.peer_closed = True
        # Returning True keeps our half of the connection open for the answer in flight.
        return self.answering()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.peer_closed and not self.pipeline and not self.transport.is_closing():
            self.transport.close()

    def answering(self) -> bool:
        return self.cycle is not None and not self.cycle.response_complete

    def expect_head(self) -> None:
        self.reading_head, self.head_bytes = True, 0
        self.cancel_head_timer()
        self.head_timer = self.loop.call_later(self.head_timeout, self.head_timed_out)

    def cancel_head_timer(self) -> None:
        if self.head_timer is not None:
            self.head_timer.cancel()
            self.head_timer = None

    def head_timed_out(self) -> None:
        self.head_timer = None
        # While an answer is being written, uvicorn's keep-alive timer takes over after it.
        if not self.reading_head or self.answering() or self.transport.is_closing():
            return
        if self.head_bytes:
            self.refuse(408, "The request was not received in time.")
        else:
            self.transport.close()

    def send_400_response(self, msg: str) -> None:
        if not self.discarding:
            self.refuse(400, "The request is not valid HTTP/1.1.")

    def refuse(self, status: int, detail: str) -> None:
        """Answer with a problem and close, without reading anything more."""
        self.reading_head = False
        self.cancel_head_timer()
        # A refused connection lingers a moment, but no longer holds a place under the cap.
        self.connections.discard(self)
        phrase = HTTPStatus(status).phrase
        body = json.dumps(
            {"type": "about:blank", "title": phrase, "status": status, "detail": detail}
        ).encode()
        head = (
            f"HTTP/1.1 {status} {phrase}\r\ncontent-type: application/problem+json\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n"
            + "".join(f"{name}: {value}\r\n" for name, value in REFUSAL_HEADERS.items())
        )
        if status == 503:
            head += "retry-after: 1\r\n"
        self.transport.write(head.encode() + b"\r\n" + body)
        # Closing outright would reset the connection if the client is still sending, and a
        # reset can discard the answer before the client reads it. So: end our side, drop
        # what still arrives, and close shortly after.
        self.discarding = True
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER_SECONDS, self.transport.close)


class HeadWithBody:
    """A cycle's transport that writes the response's head together with its first body bytes.

    uvicorn writes the status line and headers as soon as the app starts its response, and the
    body in a second write. A process killed between the two (a replica stopped with SIGKILL)
    leaves a proxy holding a head with no body, which it has already begun to forward and so
    cannot retry elsewhere; in one write, the kernel delivers the whole answer or none of it.
    It also saves a system call per response.
    """

    def __init__(self, transport: asyncio.Transport) -> None:
        self.transport = transport
        self.first = True
        self.held = b""

    def write(self, data: bytes) -> None:
        if self.first:
            self.first, self.held = False, data
            return
        if self.held:
            data, self.held = self.held + data, b""
        if data:
            self.transport.write(data)

    def flush(self) -> None:
        if self.held:
            self.transport.write(self.held)
            self.held = b""

    def close(self) -> None:
        self.flush()
        self.transport.close()

    def is_closing(self) -> bool:
        return self.transport.is_closing()


def write_head_with_body(cycle: RequestResponseCycle) -> None:
    """Give the cycle a HeadWithBody, flushed at the latest when its response completes (a
    HEAD answer has no body to carry its head)."""
    transport = HeadWithBody(cycle.transport)
    cycle.transport = transport  # type: ignore[assignment]
    completed = cycle.on_response

    def on_response() -> None:
        transport.flush()
        completed()

    cycle.on_response = on_response


class CloseDelimitedCycle(RequestResponseCycle):
    """An HTTP/1.0 exchange: a body without a Content-Length ends when the connection closes."""

    close_delimited = False

    async def send(self, message: Any) -> None:
        if message["type"] == "http.response.start" and not self.response_started:
            names = {name.lower() for name, _ in message.get("headers", [])}
            if not names & {b"content-length", b"transfer-encoding"} and message["status"] not in (
                204,
                304,
            ):
                self.close_delimited = True
                # Tells uvicorn the length is settled, so it does not announce chunks.
                self.chunked_encoding = False
        elif self.close_delimited and message["type"] == "http.response.body":
            await self.send_until_close(message)
            return
        await super().send(message)

    async def send_until_close(self, message: Any) -> None:
        if self.flow.write_paused and not self.disconnected:
            await self.flow.drain()
        if self.disconnected or self.response_complete:
            return
        if self.scope["method"] != "HEAD":
            self.transport.write(message.get("body", b""))
        if not message.get("more_body", False):
            self.response_complete = True
            self.message_event.set()
            self.transport.close()
            self.on_response()


def server_config(log_config: dict[str, Any], settings: Settings | None = None) -> uvicorn.Config:
    """uvicorn's settings for a Parley process, from the ``PARLEY_*`` settings (a worker
    reads its own, from the environment it inherited)."""
    settings = settings or get_settings()
    return uvicorn.Config(
        "app.main:app",
        host=settings.host,
        port=settings.port,
        # asyncio's own loop, not uvloop: under hundreds of busy connections uvloop served some
        # of them (and new ones, /health included) only after seconds, and wrk timed them out;
        # asyncio shares the loop fairly, at 3% less throughput here.
        loop="asyncio",
        # One JSON line per request comes from the app itself (the parley.access logger).
        access_log=False,
        log_config=log_config,
        server_header=False,
        # Limits on what clients may hold and send (app/server.py).
        http=HardenedHttpToolsProtocol,
        backlog=ACCEPT_BACKLOG,
        # SIGTERM: answers in flight get this long, then are dropped, whatever clients do.
        timeout_graceful_shutdown=settings.shutdown_timeout_seconds,
    )
