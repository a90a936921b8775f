"""What one client can do to the others, each measured from another client's side.

The attacker runs as a process of its own (``python -m bench.attacks KIND HOST PORT N``), from
127.0.0.1; the client that must not be starved asks ``/health`` from another loopback address
(the whole of 127.0.0.0/8 is this machine), as a second client elsewhere would.

- **slow**: N connections that send half a request head and, when the server closes them,
  connect again.
- **absurd**: N keep-alive clients sending 20 KB queries of 10,000 repeated parameters.
- **stalled downloads**: N clients that ask for the database file and read none of it, to
  measure what the server holds for them (RSS) and how long SIGTERM then takes.
"""

import asyncio
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from app.core.config import Settings
from bench import servers
from bench.goal import Goal

HEALTH = b"GET /health HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
HALF_A_HEAD = b"GET /api/v1/rounds HTTP/1.1\r\nHost: bench\r\n"
ABSURD = b"GET /api/v1/issues?" + b"&".join([b"q=a"] * 10_000) + b" HTTP/1.1\r\nHost: bench\r\n\r\n"
EXPORT = b"GET /api/v1/export?format=sqlite HTTP/1.1\r\nHost: bench\r\n\r\n"
OTHER_CLIENT = "127.0.0.2"
# How long another client's /health may take to count as answered; the smoke run (in the tests,
# on a machine doing other work) allows more.
ANSWER_WITHIN_SECONDS = 2.0
SMOKE_ANSWER_WITHIN_SECONDS = 10.0
STALLED_READERS_RSS_MB = 300


def allow_many_sockets() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        resource.setrlimit(
            resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard)
        )


def health_check(host: str, port: int, within: float) -> float | None:
    """Milliseconds for a 200 from /health, asked from another address; None if it failed."""
    started = time.perf_counter()
    try:
        with socket.socket() as connection:
            connection.settimeout(within)
            connection.bind((OTHER_CLIENT, 0))
            connection.connect((host, port))
            connection.sendall(HEALTH)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
    except OSError:
        return None
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed if answer.startswith(b"HTTP/1.1 200 ") else None


def health_under(
    host: str, port: int, checks: int, interval: float, within: float
) -> tuple[int, float]:
    """(checks answered 200 in time, their p99 in ms)."""
    latencies = []
    for _ in range(checks):
        latency = health_check(host, port, within)
        if latency is not None:
            latencies.append(latency)
        time.sleep(interval)
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0.0
    return len(latencies), p99


async def slow_connection(host: str, port: int) -> None:
    while True:
        try:
            reader, writer = await asyncio.open_connection(host, port)
            writer.write(HALF_A_HEAD)
            await reader.read()  # until the server closes it (a 503, a 408)
            writer.close()
        except OSError:
            await asyncio.sleep(0.05)


async def absurd_client(host: str, port: int) -> None:
    while True:
        try:
            reader, writer = await asyncio.open_connection(host, port)
            while True:
                writer.write(ABSURD)
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":")[1])
                    for line in head.lower().split(b"\r\n")
                    if line.startswith(b"content-length:")
                )
                await reader.readexactly(length)
        except (OSError, asyncio.IncompleteReadError, StopIteration, asyncio.LimitOverrunError):
            await asyncio.sleep(0.05)


async def attack(kind: str, host: str, port: int, clients: int) -> None:
    client = {"slow": slow_connection, "absurd": absurd_client}[kind]
    await asyncio.gather(*(client(host, port) for _ in range(clients)))


def attacker(kind: str, server: servers.Server, clients: int) -> subprocess.Popen[bytes]:
    host, port = server.base_url.removeprefix("http://").split(":")
    return subprocess.Popen(
        [sys.executable, "-m", "bench.attacks", kind, host, port, str(clients)],
        stdout=subprocess.DEVNULL,
    )


# The share one address gets by default, which the benchmark's servers otherwise lift.
DEFAULT_SHARE = {
    "PARLEY_MAX_CONNECTIONS_PER_CLIENT": str(
        Settings.model_fields["max_connections_per_client"].default
    )
}


def flood(database: Path, kind: str, clients: int, checks: int, name: str, within: float) -> Goal:
    with servers.parley(database, cpu=None, settings=DEFAULT_SHARE) as server:
        host, port = server.base_url.removeprefix("http://").split(":")
        quiet_answered, quiet_p99 = health_under(host, int(port), 20, 0.02, within)
        process = attacker(kind, server, clients)
        try:
            time.sleep(2)  # the attack at full strength
            answered, p99 = health_under(host, int(port), checks, 0.1, within)
        finally:
            process.kill()
            process.wait()
    return Goal(
        f"{name}: another client's /health all 200 within {within:g} s",
        f"{answered}/{checks} answered, p99 {p99:.1f} ms (quiet: {quiet_p99:.1f} ms)",
        answered == checks and quiet_answered == 20,
    )


def stalled_downloads(
    database: Path, readers: int, shutdown_seconds: int, within: float
) -> list[Goal]:
    """Readers that never read, each let in (the download cap raised to their number), then a
    SIGTERM with all of them still connected."""
    settings = {
        **DEFAULT_SHARE,
        "PARLEY_MAX_DOWNLOADS": str(readers),
        "PARLEY_SEND_TIMEOUT_SECONDS": "600",
        "PARLEY_SHUTDOWN_TIMEOUT_SECONDS": str(shutdown_seconds),
    }
    stalled = []
    with servers.parley(database, cpu=None, settings=settings) as server:
        host, port = server.base_url.removeprefix("http://").split(":")
        before = rss_mb(server)
        try:
            for index in range(readers):
                connection = socket.socket()
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                # A hundred per address, under the per-client share.
                connection.bind((f"127.0.9.{index // 100 + 1}", 0))
                connection.connect((host, int(port)))
                connection.sendall(EXPORT)
                stalled.append(connection)
            time.sleep(3)
            held = rss_mb(server)
            answered, p99 = health_under(host, int(port), 20, 0.05, within)
            started = time.monotonic()
            server.process.send_signal(signal.SIGTERM)
            try:
                server.process.wait(timeout=60)
                stopped = time.monotonic() - started
            except subprocess.TimeoutExpired:
                stopped = float("inf")
        finally:
            for connection in stalled:
                connection.close()
    return [
        Goal(
            f"{readers} stalled downloads of the file: RSS under {STALLED_READERS_RSS_MB} MB",
            f"{before:.0f} MB before, {held:.0f} MB with them; /health {answered}/20, "
            f"p99 {p99:.1f} ms",
            held < STALLED_READERS_RSS_MB and answered == 20,
        ),
        Goal(
            f"SIGTERM with {readers} stalled downloads: stopped within the "
            f"{shutdown_seconds} s setting (+2 s)",
            f"stopped after {stopped:.1f} s",
            stopped < shutdown_seconds + 2,
        ),
    ]


def rss_mb(server: servers.Server) -> float:
    for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_attacks(database: Path, smoke: bool) -> list[Goal]:
    allow_many_sockets()
    slow, absurd, readers, checks = (100, 4, 50, 10) if smoke else (1100, 16, 400, 158)
    within = SMOKE_ANSWER_WITHIN_SECONDS if smoke else ANSWER_WITHIN_SECONDS
    return [
        flood(database, "slow", slow, checks, f"one address's {slow:,} slow connections", within),
        flood(
            database,
            "absurd",
            absurd,
            checks,
            f"{absurd} clients of 10,000-parameter queries",
            within,
        ),
        *stalled_downloads(database, readers, 5, within),
    ]


if __name__ == "__main__":
    allow_many_sockets()
    kind, host, port, clients = sys.argv[1:5]
    asyncio.run(attack(kind, host, int(port), int(clients)))
