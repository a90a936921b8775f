"""``python -m bench --soak``: reliability under load and faults, with figures and goals.

1. Load: many connections for a long run on a rotation of cold URLs (200 distinct searches and
   filters) and cached ones; errors and p99.
2. A rebuild under that load, with different curated data: no request fails, and the server
   keeps answering from the build it opened (same data version and bodies) until restarted,
   while ``/health`` says the file was replaced.
3. The seed build killed at 20 points across its run: the old database intact each time, and
   no leftovers once the next build has run.
4. Every bad setting refused at start-up, in one line.
5. Every kind of damaged database file refused (building off) or rebuilt (building on).
6. One client's attacks on the others (``bench/attacks.py``): floods of slow connections and
   of absurd queries, and downloads never read, measured from another client's side.
"""

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from app.core.config import Settings
from bench import attacks, search_box, servers
from bench.goal import Goal
from bench.load import run_load

ROOT = Path(__file__).resolve().parents[1]
CACHED = ("/api/v1/rounds/2/issues", "/api/v1/participants/alexander-darchiev", "/api/v1/rounds")
BAD_SETTINGS = {
    "PARLEY_PORT": "99999",
    "PARLEY_QUERY_TIMEOUT_SECONDS": "nan",
    "PARLEY_RESPONSE_CACHE_BYTES": "-5",
    "PARLEY_WORKERS": "0",
    "PARLEY_CORS_ORIGINS": "[broken",
    "PARLEY_MAX_CONNECTIONS": "0",
}
DAMAGES = ("pages", "truncated", "not a database", "empty")
KILL_POINTS = 20
BUILD_TIME = "1767225600"  # 2026-01-01, for SOURCE_DATE_EPOCH


def seed(database: Path, data_dir: Path | None = None) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "seed", "--database", str(database)]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    # One build time for every build here: a build that completes before its kill writes the
    # same bytes as the one it replaces, so "intact" compares digests.
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_TIME}
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def build(database: Path, data_dir: Path | None = None) -> float:
    started = time.monotonic()
    process = seed(database, data_dir)
    _, error = process.communicate(timeout=600)
    if process.returncode != 0:
        raise SystemExit(f"seed build failed: {error.decode()}")
    return time.monotonic() - started


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def other_curated_data(workdir: Path, source: Path | None = None) -> Path:
    """The curated files (``source``, by default those the settings name) with one summary
    changed: a build of them has another data version."""
    data = workdir / "data"
    shutil.copytree(source or Settings().data_dir, data)
    rounds = data / "rounds.yaml"
    text = rounds.read_text(encoding="utf-8")
    rounds.write_text(text.replace("summary_en: ", "summary_en: (rebuilt) ", 1), encoding="utf-8")
    return data


def load_with_rebuild(
    database: Path, workdir: Path, seconds: float, connections: int
) -> list[Goal]:
    box = [request.parley_path for request in search_box.requests(database.stem)]
    rotation = [path for pair in zip(box, list(CACHED) * 70, strict=False) for path in pair]
    changed = other_curated_data(workdir)
    goals = []
    with servers.parley(database, cpu=None) as server:
        _, first = get(server.base_url + "/api/v1/health")
        version = json.loads(first)["data_version"]
        _, round_before = get(server.base_url + "/api/v1/rounds/2")
        problems: list[str] = []

        def rebuild_midway() -> None:
            time.sleep(seconds / 3)
            build(database, changed)
            for _ in range(50):
                status, body = get(server.base_url + "/api/v1/health")
                health = json.loads(body)
                if status != 200 or health["data_version"] != version:
                    problems.append(f"health after rebuild: {status} {health}")
                _, round_now = get(server.base_url + "/api/v1/rounds/2")
                if round_now != round_before:
                    problems.append("round 2 changed under a running server")
                    break
            if not json.loads(get(server.base_url + "/api/v1/health")[1])["file_replaced"]:
                problems.append("/health does not say the file was replaced")

        rebuilder = threading.Thread(target=rebuild_midway)
        rebuilder.start()
        result = run_load(
            server.base_url, rotation, seconds, connections, {}, None, workdir=workdir
        )
        rebuilder.join()
    goals.append(
        Goal(
            f"{connections} connections for {seconds:.0f} s, cold and cached URLs: 0 errors",
            f"{result.errors} errors in {result.requests:,} requests, p99 {result.p99_ms:.1f} ms",
            result.errors == 0 and result.requests > 0,
        )
    )
    goals.append(
        Goal(
            "a rebuild under that load: 0 errors, no mixed data",
            "; ".join(problems) or "one data version and unchanged bodies; file_replaced: true",
            not problems and result.errors == 0,
        )
    )
    return goals


def killed_builds(workdir: Path, points: int) -> Goal:
    database = workdir / "killed" / "parley.sqlite3"
    database.parent.mkdir()
    full = build(database)
    before = digest(database)
    damaged, mid_build = [], 0
    for point in range(points):
        process = seed(database)
        time.sleep(full * (point + 0.5) / points)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if digest(database) != before:
            damaged.append(point)
        # Killed mid-build, it leaves its temporary file (the next build removes it).
        mid_build += any(p != database for p in database.parent.iterdir())
    build(database)
    leftovers = sorted(p.name for p in database.parent.iterdir() if p != database)
    return Goal(
        f"the seed build killed at {points} points: old database intact, no leftovers after",
        f"intact {points - len(damaged)}/{points}; {mid_build} kills left a half-built file, "
        f"{len(leftovers)} files left after the next build",
        not damaged and not leftovers,
    )


def bad_settings(settings: dict[str, str]) -> Goal:
    refused = []
    for name, value in settings.items():
        result = subprocess.run(
            [sys.executable, "-m", "app"],
            env={**os.environ, name: value},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        lines = result.stderr.strip().splitlines()
        if result.returncode == 2 and len(lines) == 1 and name in lines[0]:
            refused.append(name)
    return Goal(
        "every bad setting refused at start-up in one line",
        f"{len(refused)}/{len(settings)} refused",
        len(refused) == len(settings),
    )


def damage(database: Path, how: str) -> None:
    """Break a copy of the database as a disk or a careless copy would (one of DAMAGES)."""
    data = database.read_bytes()
    if how == "pages":
        middle = len(data) // 2
        data = data[:middle] + os.urandom(65536) + data[middle + 65536 :]
    elif how == "truncated":
        data = data[: len(data) // 3]
    elif how == "not a database":
        data = b"<html>not a database</html>\n"
    elif how == "empty":
        data = b""
    database.write_bytes(data)


def damaged_files(workdir: Path, good: Path, damages: tuple[str, ...]) -> Goal:
    handled = []
    for how in damages:
        database = workdir / f"damaged-{how.replace(' ', '-')}.sqlite3"
        shutil.copy(good, database)
        damage(database, how)
        refused = subprocess.run(
            [sys.executable, "-m", "app"],
            env={
                **os.environ,
                "PARLEY_DATABASE_PATH": str(database),
                "PARLEY_BUILD_DATABASE_IF_MISSING": "false",
            },
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if refused.returncode != 3:
            continue
        if how == "not a database":
            # Not a Parley file: refused with building allowed too, and left as it was.
            before = database.read_bytes()
            kept = subprocess.run(
                [sys.executable, "-m", "app"],
                env={**os.environ, "PARLEY_DATABASE_PATH": str(database)},
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=120,
            )
            if kept.returncode == 3 and database.read_bytes() == before:
                handled.append(how)
            continue
        with servers.start(
            "rebuilding",
            [sys.executable, "-m", "app"],
            {"PARLEY_DATABASE_PATH": str(database), "PARLEY_PORT": "{port}"},
            "/api/v1/health",
            cpu=None,
        ) as server:
            status, body = get(server.base_url + "/api/v1/health")
            if status == 200 and json.loads(body)["file_checked"]:
                handled.append(how)
    return Goal(
        "every damaged file refused (building off) or rebuilt (building on), a foreign one kept",
        f"{len(handled)}/{len(damages)}: {', '.join(handled)}",
        len(handled) == len(damages),
    )


def run_soak(seconds: float, connections: int, smoke: bool) -> int:
    started = time.monotonic()
    # The smoke run (in the test suite) tries a few of each, quickly.
    points = 2 if smoke else KILL_POINTS
    settings = dict(list(BAD_SETTINGS.items())[:2]) if smoke else BAD_SETTINGS
    damages = DAMAGES[:2] if smoke else DAMAGES
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        database = workdir / "parley.sqlite3"
        build(database)
        good = workdir / "good.sqlite3"
        shutil.copy(database, good)
        steps: list[Callable[[], list[Goal]]] = [
            lambda: load_with_rebuild(database, workdir, seconds, connections),
            lambda: [killed_builds(workdir, points)],
            lambda: attacks.run_attacks(good, smoke),
        ]
        # The smoke run leaves these to tests/test_running.py and tests/test_faults.py.
        if not smoke:
            steps += [
                lambda: [bad_settings(settings)],
                lambda: [damaged_files(workdir, good, damages)],
            ]
        goals = [goal for step in steps for goal in step()]
    print("goals:")
    for goal in goals:
        print(f"  {goal.name}\n      {goal.figure}: {'met' if goal.met else 'NOT met'}")
    print(f"soak took {time.monotonic() - started:.0f} s")
    return 0 if all(goal.met for goal in goals) else 1
