"""Driving a server with a bounded load: wrk when installed, otherwise a small asyncio client."""

import asyncio
import hashlib
import itertools
import re
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int


def run_load(
    base_url: str,
    paths: Sequence[str],
    seconds: float,
    connections: int,
    headers: dict[str, str],
    cpu: int | None,
    expect_4xx: bool = False,
    use_wrk: bool = True,
    workdir: Path | None = None,
) -> Result:
    """Load ``base_url`` with ``paths`` in turn (one path: the same URL again and again).

    With ``expect_4xx``, 4xx answers are the point and not errors. wrk rotates through several
    paths with a Lua script written to ``workdir``.
    """
    if not paths:
        raise ValueError("no paths to request")
    if use_wrk and shutil.which("wrk"):
        return _wrk(base_url, paths, seconds, connections, headers, cpu, expect_4xx, workdir)
    return asyncio.run(_python_load(base_url, paths, seconds, connections, headers, expect_4xx))


def lua_rotation(paths: Sequence[str], workdir: Path) -> Path:
    """A wrk script sending ``paths`` in turn; each wrk thread has its own Lua state and counter."""
    for path in paths:
        if not path.isascii() or not path.startswith("/") or any(c in path for c in '"\\\n'):
            raise ValueError(f"path not safe to quote in Lua: {path!r}")
    listed = "".join(f'  "{path}",\n' for path in paths)
    digest = hashlib.sha256("\n".join(paths).encode()).hexdigest()[:12]
    script = workdir / f"rotation-{digest}.lua"
    script.write_text(
        f"local paths = {{\n{listed}}}\n"
        "local counter = 0\n"
        "request = function()\n"
        "  counter = counter % #paths + 1\n"
        "  return wrk.format(nil, paths[counter])\n"
        "end\n"
    )
    return script


def _wrk(
    base_url: str,
    paths: Sequence[str],
    seconds: float,
    connections: int,
    headers: dict[str, str],
    cpu: int | None,
    expect_4xx: bool,
    workdir: Path | None,
) -> Result:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if len(paths) == 1:
        url = base_url + paths[0]
    else:
        if workdir is None:
            raise ValueError("a rotation of paths needs a workdir for its wrk script")
        command += ["-s", str(lua_rotation(paths, workdir))]
        url = base_url + "/"
    if cpu is not None and shutil.which("taskset"):
        command = ["taskset", "-c", str(cpu), *command]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout

    def latency(label: str) -> float:
        match = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)\b", output)
        assert match, output
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx and not expect_4xx else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    return Result(rate, latency("50"), latency("99"), errors, requests)


async def _python_load(
    base_url: str,
    paths: Sequence[str],
    seconds: float,
    connections: int,
    headers: dict[str, str],
    expect_4xx: bool = False,
) -> Result:
    parts = urlsplit(base_url)
    extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    requests = [
        f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n{extra}\r\n".encode() for path in paths
    ]
    # One turn for all connections: together they send the paths in order, as wrk does.
    rotation = itertools.cycle(requests)
    ok_statuses = (b"2", b"3", b"4") if expect_4xx else (b"2", b"3")
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        # Every connection sends at least one request: on a busy machine a short (smoke) run's
        # window can close before a connection is even open, and a run with no request measures
        # nothing.
        sent = 0
        try:
            while sent == 0 or time.perf_counter() < deadline:
                sent += 1
                started = time.perf_counter()
                writer.write(next(rotation))
                status_line = await reader.readline()
                if not status_line:  # closed without an answer
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
                    continue
                length, chunked, closing = 0, False, False
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    lowered = line.lower()
                    if lowered.startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                    elif lowered.startswith(b"transfer-encoding:") and b"chunked" in lowered:
                        chunked = True
                    elif lowered.startswith(b"connection:") and b"close" in lowered:
                        closing = True
                try:
                    if chunked:
                        while (size := int((await reader.readline()).split(b";")[0], 16)) > 0:
                            await reader.readexactly(size + 2)
                        await reader.readline()
                    else:
                        await reader.readexactly(length)
                except (asyncio.IncompleteReadError, ConnectionError, ValueError):
                    # A body cut short: a failed request; the connection is gone with it.
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
                    continue
                latencies.append((time.perf_counter() - started) * 1000)
                if not status_line.split()[1].startswith(ok_statuses):
                    errors += 1
                if closing:  # a proxy ends a connection after so many requests, as nginx does
                    writer.close()
                    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    elapsed = time.perf_counter() - started
    latencies.sort()

    def percentile(share: float) -> float:
        return latencies[min(len(latencies) - 1, int(share * len(latencies)))] if latencies else 0.0

    return Result(
        len(latencies) / elapsed, percentile(0.5), percentile(0.99), errors, len(latencies)
    )
