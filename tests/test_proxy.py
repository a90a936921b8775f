"""The scale-out story for real: nginx (Debian's) as a caching reverse proxy in front of two
Parley processes on loopback, with the configuration shipped in ``deploy/nginx/parley.conf``.
Cache hits come from nginx, If-None-Match is answered through it, a replica killed under load
fails no request, and a switch to a new build never serves the old one after it."""

import http.client
import json
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.load import run_load
from bench.servers import Server, free_port, parley
from bench.soak import build, other_curated_data
from tests.debian import debian_program
from tests.live_server import address

# Each test starts nginx and several servers: among the longer checks.
pytestmark = pytest.mark.slow

TEMPLATE = Path(__file__).resolve().parents[1] / "deploy" / "nginx" / "parley.conf"
ISSUES = "/api/v1/rounds/2/issues"


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


@pytest.fixture(scope="module")
def nginx() -> str:
    return debian_program("nginx", "nginx-light", "PROXY CHECKS")


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
        build = json.loads(get(address(replicas[0])[1], "/health").body)["data_version"]
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


def test_cached_answers_come_from_nginx_and_tags_revalidate_through_it(
    nginx: str, database_path: Path, tmp_path: Path
) -> None:
    with proxied(nginx, tmp_path, copies(database_path, tmp_path)) as (proxy, replicas):
        first = get(proxy.port, ISSUES)
        again = get(proxy.port, ISSUES)
        assert (first.status, first.headers["x-cache-status"]) == (200, "MISS")
        assert (again.status, again.headers["x-cache-status"]) == (200, "HIT")
        assert again.body == first.body
        assert again.headers["etag"] == first.headers["etag"]
        # The replica's own tag for the same request (the Host is part of it: Link headers are
        # absolute URLs), checked by nginx from its cache.
        direct = get(address(replicas[1])[1], ISSUES, {"Host": f"127.0.0.1:{proxy.port}"})
        assert direct.headers["etag"] == first.headers["etag"]
        revalidated = get(proxy.port, ISSUES, {"If-None-Match": first.headers["etag"]})
        assert revalidated.status == 304
        assert revalidated.headers["x-cache-status"] == "HIT"
        # Arabic and gzip are variants of their own; /health is never cached.
        arabic = get(proxy.port, ISSUES + "?lang=ar")
        assert arabic.headers["x-cache-status"] == "MISS"
        assert "name" in json.loads(arabic.body)["items"][0]
        gzipped = get(proxy.port, ISSUES, {"Accept-Encoding": "gzip"})
        assert gzipped.headers.get("content-encoding") == "gzip"
        health = [get(proxy.port, "/health").headers["x-cache-status"] for _ in range(3)]
        assert "HIT" not in health


def test_a_replica_killed_under_load_fails_no_request(
    nginx: str, database_path: Path, tmp_path: Path
) -> None:
    # Distinct URLs, so the load reaches the replicas rather than the cache.
    paths = [
        f"/api/v1/issues?limit={limit}&offset={offset}"
        for limit in range(1, 40)
        for offset in range(0, 20)
    ]
    with proxied(nginx, tmp_path, copies(database_path, tmp_path)) as (proxy, replicas):

        def kill_one() -> None:
            time.sleep(1.5)
            replicas[0].process.send_signal(signal.SIGKILL)

        killer = threading.Thread(target=kill_one)
        killer.start()
        result = run_load(
            f"http://127.0.0.1:{proxy.port}", paths, 4, 16, {}, None, workdir=tmp_path
        )
        killer.join()
        assert replicas[0].process.poll() is not None
    assert result.requests > 100
    assert result.errors == 0, result


def test_a_switch_to_a_new_build_never_serves_the_old_one_after_it(
    nginx: str, database_path: Path, tmp_path: Path
) -> None:
    curated = other_curated_data(tmp_path)
    rebuilt = tmp_path / "rebuilt.sqlite3"
    build(rebuilt, curated)
    new_replicas = copies(rebuilt, tmp_path / "new")
    versions: list[tuple[float, str]] = []
    failures: list[int] = []
    reading = threading.Event()
    reading.set()
    with proxied(nginx, tmp_path, copies(database_path, tmp_path)) as (proxy, old):
        old_build = json.loads(get(proxy.port, "/health").body)["data_version"]

        def read() -> None:
            while reading.is_set():
                # A cached answer that names its build.
                answer = get(proxy.port, "/api/v1/meta")
                if answer.status != 200:
                    failures.append(answer.status)
                    continue
                versions.append((time.monotonic(), json.loads(answer.body)["data_version"]))

        reader = threading.Thread(target=read)
        reader.start()
        try:
            with ExitStack() as stack:
                new = [
                    stack.enter_context(
                        parley(
                            db,
                            cpu=None,
                            name=f"new-{n}",
                            wait=False,
                            settings={"PARLEY_DATA_DIR": str(curated)},
                        )
                    )
                    for n, db in enumerate(new_replicas)
                ]
                for replica in new:
                    replica.wait_until_up()
                time.sleep(0.5)
                build_id = json.loads(get(address(new[0])[1], "/health").body)["data_version"]
                switching = time.monotonic()
                proxy.render(new, build_id)
                proxy.reload()
                switched = time.monotonic()
                for replica in old:
                    replica.process.terminate()
                time.sleep(1)
                reading.clear()
                reader.join()
        finally:
            reading.clear()
    assert not failures
    before = {version for at, version in versions if at < switching}
    after = {version for at, version in versions if at > switched}
    assert before == {old_build}
    assert after == {build_id}
