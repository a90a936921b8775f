"""Timing requests in-process: the app called directly as ASGI, with no client or socket in
between, so the figure is the app's own cost."""

import asyncio
import statistics
import time
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Message


def http_scope(path: str, method: str = "GET") -> dict[str, Any]:
    """The ASGI scope of a request for ``path`` (with its query, if any), as a server makes
    it."""
    # The request target as a server splits it (not urlsplit: "//a/b" is a path, not a host).
    path, _, query = path.partition("?")
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }


async def _status(app: FastAPI, path: str) -> int:
    return await status_of(app, http_scope(path))


async def status_of(app: ASGIApp, scope: dict[str, Any]) -> int:
    """The status an ASGI app answers ``scope`` with (the body is not kept)."""
    status = 0

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def _median_ms(app: FastAPI, path: str, requests: int) -> float:
    async with app.router.lifespan_context(app):
        await _status(app, path)  # warm: statement cache, search token cache
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            status = await _status(app, path)
            timings.append((time.perf_counter() - started) * 1000)
            # Past the query time limit the answer is a 503: report it as such, not a time.
            if status != 200:
                return float("inf")
    return statistics.median(timings)


def median_latency_ms(app: FastAPI, path: str, requests: int) -> float:
    return asyncio.run(_median_ms(app, path, requests))
