"""No client can starve the others, against a real process on loopback: one address's flood
of connections, a client that never reads its answer, too many downloads of the file at once,
a full server asked for /health, a stop with answers in flight. Other clients are told apart
by their source address (the whole of 127.0.0.0/8 is this machine)."""

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from bench.servers import Server, start
from tests.live_server import address, read_all

PER_CLIENT = 20
CAP = 40
SEND_TIMEOUT_SECONDS = 1
DOWNLOADS = 2
EXPORT = b"GET /api/v1/export?format=sqlite HTTP/1.1\r\nHost: t\r\n\r\n"
HEALTH = b"GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
ROUNDS = b"GET /api/v1/rounds HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"


def limited(database_path: Path, **settings: str) -> dict[str, str]:
    return {
        "PARLEY_DATABASE_PATH": str(database_path),
        "PARLEY_BUILD_DATABASE_IF_MISSING": "false",
        "PARLEY_MAX_CONNECTIONS": str(CAP),
        "PARLEY_MAX_CONNECTIONS_PER_CLIENT": str(PER_CLIENT),
        "PARLEY_SEND_TIMEOUT_SECONDS": str(SEND_TIMEOUT_SECONDS),
        "PARLEY_MAX_DOWNLOADS": str(DOWNLOADS),
        **settings,
    }


@pytest.fixture(scope="module")
def small_server(database_path: Path) -> Iterator[Server]:
    command = [sys.executable, "-m", "app", "--port", "{port}"]
    with start("parley", command, limited(database_path), "/api/v1/health", cpu=None) as server:
        yield server


def connect(server: Server, source: str = "127.0.0.1", receive_buffer: int = 0) -> socket.socket:
    """A connection from ``source``; with a small ``receive_buffer`` it holds little of what
    it does not read."""
    connection = socket.socket()
    if receive_buffer:
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    connection.settimeout(10)
    connection.bind((source, 0))
    connection.connect(address(server))
    return connection


def ask(server: Server, request: bytes, source: str) -> bytes:
    with connect(server, source) as connection:
        connection.sendall(request)
        return read_all(connection, reset_ends_it=True)


def stalled_download(server: Server, source: str) -> socket.socket:
    """A client that asks for the database file and then reads nothing."""
    connection = connect(server, source, receive_buffer=4096)
    connection.sendall(EXPORT)
    return connection


def test_one_addresss_flood_leaves_room_for_everyone_else(small_server: Server) -> None:
    with ExitStack() as held:
        for _ in range(PER_CLIENT):
            held.enter_context(connect(small_server, "127.0.0.2"))
        time.sleep(0.2)
        refused = ask(small_server, ROUNDS, "127.0.0.2")
        assert refused.startswith(b"HTTP/1.1 503 ")
        assert b"Too many connections from your address" in refused
        assert ask(small_server, ROUNDS, "127.0.0.3").startswith(b"HTTP/1.1 200 ")


def test_a_full_server_still_answers_health(small_server: Server) -> None:
    with ExitStack() as held:
        # The cap's worth of connections, from addresses each under their own share.
        for index in range(CAP):
            held.enter_context(connect(small_server, f"127.0.1.{index % 10 + 1}"))
        time.sleep(0.2)
        assert ask(small_server, ROUNDS, "127.0.2.1").startswith(b"HTTP/1.1 503 ")
        health = ask(small_server, HEALTH, "127.0.2.1")
        assert health.startswith(b"HTTP/1.1 200 ")
        assert b'"status":"ok"' in health


def test_a_client_that_never_reads_is_dropped_and_its_slot_given_back(
    small_server: Server, database_path: Path
) -> None:
    connection = stalled_download(small_server, "127.0.3.1")
    time.sleep(SEND_TIMEOUT_SECONDS + 2)
    received = read_all(connection, reset_ends_it=True)
    connection.close()
    # Some of the file, never all of it: the server gave up on the client.
    assert received.startswith(b"HTTP/1.1 200 ")
    assert 0 < len(received) < database_path.stat().st_size
    assert "dropped a connection from 127.0.3.1" in small_server.log_text()


def test_downloads_past_the_limit_are_told_to_come_back(small_server: Server) -> None:
    with ExitStack() as held:
        for index in range(DOWNLOADS):
            held.enter_context(stalled_download(small_server, f"127.0.4.{index + 1}"))
        time.sleep(0.3)
        refused = ask(
            small_server, EXPORT.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n"), "127.0.4.9"
        )
        assert refused.startswith(b"HTTP/1.1 503 ")
        assert b"retry-after: 5" in refused.lower()
        assert b"application/problem+json" in refused
    # Each slot is given back when its client goes (here, after the send timeout at most).
    time.sleep(SEND_TIMEOUT_SECONDS + 1)
    whole = ask(
        small_server, EXPORT.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n"), "127.0.4.9"
    )
    assert whole.startswith(b"HTTP/1.1 200 ")


def test_pipelined_requests_past_the_head_limit_in_one_write_are_all_answered(
    small_server: Server,
) -> None:
    # 400 small requests, 40 KB in one write: each head is far under the 32 KB limit.
    one = b"GET /api/v1/rounds/1 HTTP/1.1\r\nHost: t\r\nX-Pad: " + b"p" * 50 + b"\r\n\r\n"
    last = b"GET /api/v1/rounds/1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
    with connect(small_server, "127.0.5.3") as connection:
        connection.sendall(one * 399 + last)
        answers = read_all(connection, reset_ends_it=True)
    assert answers.count(b"HTTP/1.1 200 ") == 400
    assert b" 431 " not in answers


def test_an_upgrade_nobody_supports_is_answered_and_the_connection_closed(
    small_server: Server,
) -> None:
    upgrade = (
        b"GET /api/v1/rounds HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
    )
    with connect(small_server, "127.0.5.1") as connection:
        connection.sendall(upgrade + b"GET /api/v1/rounds/1 HTTP/1.1\r\nHost: t\r\n\r\n")
        answer = read_all(connection, reset_ends_it=True)
    assert answer.startswith(b"HTTP/1.1 200 ")
    assert b"connection: close" in answer.lower()


def test_a_request_that_is_not_http_gets_a_problem_with_the_usual_headers(
    small_server: Server,
) -> None:
    answer = ask(small_server, b"GARBAGE\x01 / HTTP/9\r\n\r\n", "127.0.5.2")
    head = answer.split(b"\r\n\r\n")[0].lower()
    assert head.startswith(b"http/1.1 400 ")
    assert b"content-type: application/problem+json" in head
    assert b"x-content-type-options: nosniff" in head


def test_sigterm_stops_the_server_in_bounded_time_whatever_clients_do(
    database_path: Path,
) -> None:
    command = [sys.executable, "-m", "app", "--port", "{port}"]
    settings = limited(
        database_path,
        PARLEY_SEND_TIMEOUT_SECONDS="600",
        PARLEY_MAX_DOWNLOADS="20",
        PARLEY_SHUTDOWN_TIMEOUT_SECONDS="1",
    )
    with (
        start("parley", command, settings, "/api/v1/health", cpu=None) as server,
        ExitStack() as held,
    ):
        for index in range(20):
            held.enter_context(stalled_download(server, f"127.0.6.{index + 1}"))
        time.sleep(0.5)
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pytest.fail("the server had not stopped 20 s after SIGTERM")
        # The one-second setting, plus start-up of the stop; the bound keeps a hang out.
        assert time.monotonic() - started < 8
