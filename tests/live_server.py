"""A real server on a loopback port (started as users start it, ``python -m app``), and a small
raw HTTP/1.1 client for loading it."""

import asyncio
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from bench.servers import Server, parley


@contextmanager
def live_server(database: Path, cache: bool = True) -> Iterator[Server]:
    """``python -m app`` serving ``database`` on 127.0.0.1, stopped on exit."""
    with parley(database, cpu=None, cache=cache) as server:
        yield server


def read_all(connection: socket.socket, *, reset_ends_it: bool = False) -> bytes:
    """Everything the server sends until it closes the connection; with ``reset_ends_it``, a
    connection the server drops (a reset) ends it too, with what had arrived."""
    received = b""
    try:
        while chunk := connection.recv(65536):
            received += chunk
    except ConnectionResetError:
        if not reset_ends_it:
            raise
    return received


def address(server: Server) -> tuple[str, int]:
    url = urlsplit(server.base_url)
    assert url.hostname and url.port
    return url.hostname, url.port


async def get(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str
) -> tuple[int, bytes]:
    """One GET on a kept-alive connection: the status and the body."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(
        int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")
    )
    return status, await reader.readexactly(length)
