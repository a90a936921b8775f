"""``python -m bench --proxy``: Parley's scale-out story measured on a real engine, Debian's
nginx as a caching reverse proxy (``scripts/nginx.conf``) in front of two replicas on
loopback: what nginx's cache serves against one Parley process, cold requests shared by two
replicas, and a replica killed under load.

The same pieces run in ``tests/test_proxy.py``.
"""

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bench.goal import Goal
from bench.load import Result, run_load
from bench.servers import Server, free_port, parley

TEMPLATE = Path(__file__).resolve().parents[1] / "scripts" / "nginx.conf"
ISSUES = "/api/v1/rounds/2/issues"
# Distinct URLs, more than a run sends, so that a load reaches the replicas (nginx caches each
# after its first request).
COLD_PATHS = [
    f"/api/v1/issues?limit={limit}&offset={offset}"
    for offset in range(0, 400)
    for limit in range(1, 201)
]


@dataclass
class Proxy:
    """nginx, run from ``directory`` with the shipped configuration rendered into it."""

    nginx: str
    directory: Path
    port: int
    process: subprocess.Popen[bytes] | None = None

    def render(self, replicas: list[Server], build: str) -> None:
        values = {
            "PARLEY_LISTEN": f"127.0.0.1:{self.port}",
            "PARLEY_REPLICA_1": replicas[0].base_url.removeprefix("http://"),
            "PARLEY_REPLICA_2": replicas[1].base_url.removeprefix("http://"),
            "PARLEY_CACHE_DIR": str(self.directory / "cache"),
            "PARLEY_BUILD": build,
        }
        # What envsubst does with the variables named: nginx's own $variables stay as they are.
        text = TEMPLATE.read_text(encoding="utf-8")
        for name, value in values.items():
            text = text.replace("${" + name + "}", value)
        (self.directory / "parley.conf").write_text(text, encoding="utf-8")
        temporary = "".join(
            f"{kind}_temp_path {self.directory / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (self.directory / "nginx.conf").write_text(
            f"worker_processes 1;\npid {self.directory / 'nginx.pid'};\n"
            f"error_log {self.directory / 'error.log'};\n"
            + ("user root;\n" if os.geteuid() == 0 else "")
            + "events { worker_connections 1024; }\n"
            f"http {{ access_log off; {temporary} include {self.directory / 'parley.conf'}; }}\n"
        )

    def command(self, *extra: str) -> list[str]:
        return [
            self.nginx,
            "-p",
            str(self.directory),
            "-c",
            str(self.directory / "nginx.conf"),
            *extra,
        ]

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.command("-g", "daemon off;"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # nginx writes to its error.log
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                get(self.port, "/health")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError((self.directory / "error.log").read_text())

    def workers(self) -> set[int]:
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return {int(pid) for pid in children.read_text().split()}

    def reload(self) -> None:
        """A new configuration, taken up gracefully; returns once no old worker is left."""
        before = self.workers()
        subprocess.run(self.command("-s", "reload"), check=True, capture_output=True)
        deadline = time.monotonic() + 20
        while self.workers() & before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not self.workers() & before, "old nginx workers still running"

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def get(port: int, path: str, headers: dict[str, str] | None = None) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return Answer(
            response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        )
    finally:
        connection.close()


def port_of(server: Server) -> int:
    return int(server.base_url.rsplit(":", 1)[1])


@contextmanager
def proxied(
    nginx: str, directory: Path, databases: list[Path]
) -> Iterator[tuple[Proxy, list[Server]]]:
    with ExitStack() as stack:
        replicas = [
            stack.enter_context(parley(db, cpu=None, name=f"replica-{n}", wait=False))
            for n, db in enumerate(databases)
        ]
        for replica in replicas:
            replica.wait_until_up()
        build = json.loads(get(port_of(replicas[0]), "/health").body)["data_version"]
        proxy = Proxy(nginx, directory, free_port())
        proxy.render(replicas, build)
        proxy.start()
        stack.callback(proxy.stop)
        yield proxy, replicas


def copies(database: Path, directory: Path, count: int = 2) -> list[Path]:
    """Each replica serves its own copy of the one built file."""
    made = []
    for number in range(count):
        copy = directory / f"replica-{number}" / database.name
        copy.parent.mkdir(parents=True)
        shutil.copy(database, copy)
        made.append(copy)
    return made


def figures(result: Result) -> str:
    return f"{result.requests_per_second:,.0f} req/s, p99 {result.p99_ms:.1f} ms"


def run_proxy(seconds: float, connections: int, smoke: bool = False) -> int:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        print("python -m bench --proxy: needs Debian's nginx (apt-get install nginx-light)")
        return 2
    from bench.soak import build

    goals: list[Goal] = []
    # The smoke run (in the tests, on a machine doing other work) uses the Python load
    # generator, which waits for every answer: a slow one is not counted as failed, as wrk's
    # 2 s timeout would count it.
    load = partial(run_load, use_wrk=not smoke)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        database = workdir / "parley.sqlite3"
        build(database)
        with proxied(nginx, workdir, copies(database, workdir)) as (proxy, replicas):
            through = f"http://127.0.0.1:{proxy.port}"
            hits = load(through, [ISSUES], seconds, connections, {}, None, workdir=workdir)
            direct = load(
                replicas[1].base_url, [ISSUES], seconds, connections, {}, None, workdir=workdir
            )
            # Asked as the load asked it (no Accept-Encoding): the variant the load was served.
            plain = {"Accept-Encoding": ""}
            get(proxy.port, ISSUES, plain)
            status = get(proxy.port, ISSUES, plain).headers.get("x-cache-status")
            cold = load(through, COLD_PATHS, seconds, connections, {}, None, workdir=workdir)
            goals.append(
                Goal(
                    "cached answers served by nginx (X-Cache-Status: HIT), 0 errors",
                    f"{figures(hits)} through nginx ({status}); one Parley process from its "
                    f"own cache {figures(direct)}",
                    status == "HIT" and hits.errors == 0,
                )
            )
            goals.append(
                Goal(
                    "distinct URLs (each a cache miss) through nginx to two replicas: 0 errors",
                    f"{figures(cold)}, {cold.errors} errors",
                    cold.errors == 0,
                )
            )

            def kill_one() -> None:
                time.sleep(seconds / 3)
                replicas[0].process.send_signal(signal.SIGKILL)

            killer = threading.Thread(target=kill_one)
            killer.start()
            survived = load(through, COLD_PATHS, seconds, connections, {}, None, workdir=workdir)
            killer.join()
            goals.append(
                Goal(
                    "a replica killed under load: 0 failed requests",
                    f"{survived.errors} errors in {survived.requests:,} requests",
                    survived.errors == 0 and survived.requests > 0,
                )
            )
    print(f"nginx in front of two replicas, {connections} connections, {seconds:g} s each:")
    for goal in goals:
        print(f"  {goal.name}\n      {goal.figure}: {'met' if goal.met else 'NOT met'}")
    return 0 if all(goal.met for goal in goals) else 1


if __name__ == "__main__":
    sys.exit(run_proxy(10, 32, smoke=False))
