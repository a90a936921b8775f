"""``python -m app`` as an operator runs it: flags, settings, logs and start-up failures.

Each test starts the real command in a subprocess on a loopback port."""

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bench.servers import Server, free_port, start
from tests.helpers import API, run_module

ROOT = Path(__file__).resolve().parents[1]


def serve(database: Path, arguments: list[str], env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return start(
        "parley",
        [sys.executable, "-m", "app", *arguments],
        {"PARLEY_DATABASE_PATH": str(database), **(env or {})},
        "/api/v1/health",
        cpu=None,
    )


def log_lines(server: Server, until: str = "", timeout: float = 10) -> list[dict[str, object]]:
    """Every line the server has logged, once one contains ``until`` (a request's line is
    written just after its response)."""
    deadline = time.monotonic() + timeout
    while True:
        text = server.log_text()
        if until in text or time.monotonic() > deadline:
            return [json.loads(line) for line in text.splitlines() if line]
        time.sleep(0.05)


def run(
    arguments: list[str], env: dict[str, str], cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    return run_module("app", *arguments, env={"PATH": "/usr/bin:/bin", **env}, cwd=cwd, timeout=60)


def test_port_flag_is_honoured_and_every_request_is_one_json_log_line(
    database_path: Path,
) -> None:
    with serve(database_path, ["--port", "{port}", "--host", "127.0.0.1"]) as server:
        request = urllib.request.Request(
            f"{server.base_url}{API}/rounds/2", headers={"X-Request-ID": "ops-check"}
        )
        with urllib.request.urlopen(request) as response:
            assert response.status == 200
        lines = log_lines(server, until="ops-check")
    # Every line on standard error is one JSON object: nothing plain from uvicorn either.
    start_up = [line for line in lines if line["logger"] == "parley"]
    found = [str(line["message"]) for line in start_up if "found intact" in str(line["message"])]
    # Every page read once per start: by python -m app, not again by the app it starts.
    assert len(found) == 2, found
    assert "found intact, data version" in found[0]
    assert "found intact (its seal checked at start-up), data version" in found[1]
    access = [line for line in lines if line["logger"] == "parley.access"]
    checked = next(line for line in access if line["request_id"] == "ops-check")
    assert (checked["method"], checked["path"], checked["status"]) == (
        "GET",
        f"{API}/rounds/2",
        200,
    )
    assert isinstance(checked["duration_ms"], float)


def test_a_stop_writes_the_access_lines_still_waiting(database_path: Path) -> None:
    """Lines are handed on in batches, after their requests; a SIGTERM straight after a
    request still writes its line before the process ends (a long delay here, so that only the
    stop can have written it)."""
    delay = {"PARLEY_ACCESS_LOG_DELAY_SECONDS": "60"}
    with serve(database_path, ["--port", "{port}", "--host", "127.0.0.1"], delay) as server:
        request = urllib.request.Request(
            f"{server.base_url}{API}/rounds", headers={"X-Request-ID": "last-words"}
        )
        with urllib.request.urlopen(request) as response:
            assert response.status == 200
        server.process.terminate()
        server.process.wait(timeout=30)
        access = [line for line in log_lines(server) if line["logger"] == "parley.access"]
    assert [line["path"] for line in access if line["request_id"] == "last-words"] == [
        f"{API}/rounds"
    ]


def test_a_missing_database_is_built_at_start_up_and_the_log_says_so(tmp_path: Path) -> None:
    with serve(tmp_path / "fresh.sqlite3", ["--port", "{port}"]) as server:
        messages = [str(line.get("message")) for line in log_lines(server)]
    assert any("is missing: built it in" in message for message in messages), messages


def test_cors_origins_may_be_a_comma_separated_list(database_path: Path) -> None:
    origins = "http://localhost:3000,https://parley.example"
    with serve(database_path, ["--port", "{port}"], {"PARLEY_CORS_ORIGINS": origins}) as server:
        for origin in origins.split(","):
            request = urllib.request.Request(
                f"{server.base_url}{API}/rounds", headers={"Origin": origin}
            )
            with urllib.request.urlopen(request) as response:
                assert response.headers["Access-Control-Allow-Origin"] == origin


@pytest.mark.parametrize(
    ("arguments", "env", "expected"),
    [
        (["--port", "99999"], {}, "--port='99999' is not allowed: input should be less than"),
        ([], {"PARLEY_PORT": "http"}, "PARLEY_PORT='http' is not allowed: input should be a valid"),
        (
            [],
            {"PARLEY_CORS_ORIGINS": '["http://a.example"'},
            "PARLEY_CORS_ORIGINS='[\"http://a.example\"' is not allowed: expected a "
            "comma-separated list of origins or a JSON list of strings",
        ),
        (
            [],
            {"PARLEY_QUERY_TIMEOUT_SECONDS": "nan"},
            "PARLEY_QUERY_TIMEOUT_SECONDS='nan' is not allowed: input should be a finite number",
        ),
        (
            [],
            {"PARLEY_QUERY_TIMEOUT_SECONDS": "0"},
            "PARLEY_QUERY_TIMEOUT_SECONDS='0' is not allowed: input should be greater than or "
            "equal to 0.001",
        ),
        (
            [],
            {"PARLEY_QUERY_TIMEOUT_SECONDS": "-1"},
            "PARLEY_QUERY_TIMEOUT_SECONDS='-1' is not allowed: input should be greater than or "
            "equal to 0.001",
        ),
        (
            [],
            {"PARLEY_RESPONSE_CACHE_BYTES": "-5"},
            "PARLEY_RESPONSE_CACHE_BYTES='-5' is not allowed: input should be greater than or "
            "equal to 0",
        ),
        (
            [],
            {"PARLEY_LANGUAGES": "en,ru"},
            "PARLEY_LANGUAGES='en,ru' is not allowed: the list must include en and ar",
        ),
        (
            [],
            {"PARLEY_RESPONSE_CACHE_BYTES": "1e20"},
            "PARLEY_RESPONSE_CACHE_BYTES='1e20' is not allowed: input should be a valid integer",
        ),
        (
            [],
            {"PARLEY_QUERY_TIMEOUT_SECONDS": "1e-9"},
            "PARLEY_QUERY_TIMEOUT_SECONDS='1e-9' is not allowed: input should be greater than or "
            "equal to 0.001",
        ),
        (
            [],
            {"PARLEY_API_PREFIX": "/.."},
            'PARLEY_API_PREFIX=\'/..\' is not allowed: a segment may not be "." or ".."',
        ),
        (
            [],
            {"PARLEY_CORS_ORIGINS": "null"},
            "PARLEY_CORS_ORIGINS='null' is not allowed: 'null' is not an origin",
        ),
        (
            ["--workers", "0"],
            {},
            "--workers='0' is not allowed: input should be greater than or equal to 1",
        ),
        (
            [],
            {"PARLEY_MAX_HEADER_BYTES": "10"},
            "PARLEY_MAX_HEADER_BYTES='10' is not allowed: input should be greater than or "
            "equal to 1024",
        ),
    ],
)
def test_a_bad_setting_stops_start_up_with_one_line(
    arguments: list[str], env: dict[str, str], expected: str
) -> None:
    result = run(arguments, env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"python -m app: {expected}"), lines


def test_help_lists_the_flags() -> None:
    result = run(["--help"], {})
    assert result.returncode == 0
    for flag in ("--host", "--port", "--workers"):
        assert flag in result.stdout


def test_invalid_curated_data_stops_start_up_with_the_seed_scripts_problem_list(
    tmp_path: Path,
) -> None:
    checkout = tmp_path / "checkout"
    for part in ("app", "seed", "migrations", "pyproject.toml"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, checkout / part, ignore=shutil.ignore_patterns("build"))
        else:
            shutil.copy(source, checkout / part)
    rounds = checkout / "seed" / "data" / "rounds.yaml"
    rounds.write_text(rounds.read_text(encoding="utf-8").replace("quote:", "quoted:", 1))
    # On a free port: the default may be taken by a server already running on this machine.
    settings = {
        "PARLEY_DATABASE_PATH": str(tmp_path / "never.sqlite3"),
        "PARLEY_PORT": str(free_port()),
    }
    result = run([], settings, cwd=checkout)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("python -m app: the curated data is not valid (")
    assert "\n  - " in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "never.sqlite3").exists()


def test_a_port_in_use_is_one_line_and_its_own_exit_status_before_any_build(
    tmp_path: Path,
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        database = tmp_path / "parley.sqlite3"
        result = run(["--port", str(port)], {"PARLEY_DATABASE_PATH": str(database)})
    assert result.returncode == 4
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"python -m app: cannot listen on 127.0.0.1:{port}: "), lines
    # Refused before start-up work: the missing database was not built.
    assert not database.exists()


def test_a_misspelt_setting_is_one_warning_naming_the_setting_meant(database_path: Path) -> None:
    with serve(database_path, ["--port", "{port}"], {"PARLEY_CACHE_MAXAGE": "60"}) as server:
        lines = log_lines(server, until="is not a setting")
    warnings = [line for line in lines if line["level"] == "warning"]
    assert [line["message"] for line in warnings] == [
        "PARLEY_CACHE_MAXAGE is not a setting and is ignored; did you mean PARLEY_CACHE_MAX_AGE?"
    ]
