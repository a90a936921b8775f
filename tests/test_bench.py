"""The benchmark cannot rot: its smoke mode runs here. Its numbers are not asserted."""

import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_smoke_mode_runs_every_scenario() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
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
    ):
        assert line in result.stdout, line


def test_benchmark_scale_mode_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--scale", "1", "3"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "     3x " in result.stdout
    assert "build at 3x < 120 s" in result.stdout
