"""The scale-out story for real: nginx (Debian's) as a caching reverse proxy in front of two
Parley processes on loopback, with the configuration shipped in ``scripts/nginx.conf``.
Cache hits come from nginx, If-None-Match is answered through it, a replica killed under load
fails no request, and a switch to a new build never serves the old one after it."""

import json
import signal
import threading
import time
from contextlib import ExitStack
from pathlib import Path

import pytest

from bench.load import run_load
from bench.proxy import COLD_PATHS, ISSUES, copies, get, port_of, proxied
from bench.servers import parley
from bench.soak import build, other_curated_data
from tests.debian import debian_program

# Each test starts nginx and several servers: among the longer checks.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nginx() -> str:
    return debian_program("nginx", "nginx-light", "PROXY CHECKS")


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
        direct = get(port_of(replicas[1]), ISSUES, {"Host": f"127.0.0.1:{proxy.port}"})
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
    with proxied(nginx, tmp_path, copies(database_path, tmp_path)) as (proxy, replicas):

        def kill_one() -> None:
            time.sleep(1.5)
            replicas[0].process.send_signal(signal.SIGKILL)

        killer = threading.Thread(target=kill_one)
        killer.start()
        # The load generator that waits for every answer: on a busy machine a slow answer
        # is not a failed one.
        result = run_load(
            f"http://127.0.0.1:{proxy.port}", COLD_PATHS, 4, 16, {}, None, use_wrk=False
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
                build_id = json.loads(get(port_of(new[0]), "/health").body)["data_version"]
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
