"""The benchmark cannot rot: its smoke mode runs here. Its numbers are not asserted."""

import re
from pathlib import Path

import pytest

from bench import search_box
from bench.load import lua_rotation
from tests.debian import debian_program
from tests.helpers import run_module

SEARCH_BOX = "search box (200 URLs)"
# A table row of the rotation scenario: its server and its req/s.
ROW = re.compile(rf"^{re.escape(SEARCH_BOX)}\s+(\S.*?)\s+([\d,]+)\s+[\d.]+\s+[\d.]+", re.M)


@pytest.mark.slow
def test_benchmark_smoke_mode_runs_every_scenario() -> None:
    result = run_module("bench", "--smoke")
    assert result.returncode == 0, result.stdout + result.stderr
    for line in (
        "round 2 issues",
        "participant",
        "search",
        "404",
        "304 (conditional GET)",
        "starlette-bytes",
        "parley (cache off)",
        "parley peak RSS",
        "goals:",
        "cold search box >= 3x Datasette",
        "cold search box p99 < 15 ms at 2 connections",
        "cold participant >= 4x Datasette",
        "2 workers, cold round 2 issues >= 6x Datasette",
    ):
        assert line in result.stdout, line
    assert "cold queries >= 3x Datasette" not in result.stdout
    # The rotation reached every server it is run against, and made requests on each.
    rates = {
        server: float(rate.replace(",", ""))
        for server, rate in ROW.findall(result.stdout)
        if server
    }
    for server in ("datasette", "parley", "parley (cache off)", "parley (2 workers, cache off)"):
        assert rates.get(server, 0) > 0, (server, result.stdout)
    two_workers = re.findall(r"^(.+?)\s{2,}parley \(2 workers, cache off\)", result.stdout, re.M)
    assert sorted(name.strip() for name in two_workers) == ["round 2 issues", SEARCH_BOX]


@pytest.mark.slow
def test_benchmark_scale_mode_runs() -> None:
    result = run_module("bench", "--smoke", "--scale", "1", "3")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "     3x " in result.stdout
    assert "build at 3x < 120 s" in result.stdout


@pytest.mark.slow
def test_benchmark_proxy_mode_meets_its_goals() -> None:
    debian_program("nginx", "nginx-light", "PROXY BENCHMARK")
    result = run_module("bench", "--proxy", "--smoke")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "through nginx (HIT)" in result.stdout
    assert result.stdout.count(": met") == 3


def test_search_box_urls_are_distinct_and_paired() -> None:
    requests = search_box.requests("parley")
    assert len(requests) == 200
    assert len({r.parley_path for r in requests}) == 200
    assert len({r.datasette_path for r in requests}) == 200
    searches = [r for r in requests if r.parley_path.startswith("/api/v1/search?")]
    assert 80 <= len(searches) <= 120
    assert all(r.datasette_path.startswith("/parley/") for r in requests)
    assert requests == search_box.requests("parley")  # deterministic


def test_wrk_script_cycles_through_the_paths(tmp_path: Path) -> None:
    script = lua_rotation(["/a?x=1", "/b"], tmp_path).read_text()
    assert '"/a?x=1",' in script and '"/b",' in script
    assert "wrk.format(nil, paths[counter])" in script
