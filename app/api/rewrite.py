"""Replacing the body of a finished JSON response: shared by the ``lang`` and CSV layers."""

import json
from collections.abc import Callable
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Given the response headers (which it may change) and the decoded JSON, returns the new body,
# or None to send the response as it was.
Rewrite = Callable[[MutableHeaders, Any], bytes | None]


async def rewrite_json_response(
    app: ASGIApp, scope: Scope, receive: Receive, send: Send, rewrite: Rewrite
) -> None:
    start: Message = {}
    body = bytearray()

    async def collect(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
            return
        body.extend(message.get("body", b""))
        if message.get("more_body", False):
            return
        headers = MutableHeaders(scope=start)
        content = bytes(body)
        if start["status"] == 200 and headers.get("content-type", "").startswith(
            "application/json"
        ):
            rewritten = rewrite(headers, json.loads(content))
            if rewritten is not None:
                content = rewritten
                headers["Content-Length"] = str(len(content))
        await send(start)
        await send({"type": "http.response.body", "body": content})

    await app(scope, receive, collect)
