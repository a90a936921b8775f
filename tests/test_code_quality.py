"""Lint, format and type checks run with the suite, so CI holds them too."""

import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CHECKED = ["app", "seed", "tests", "migrations"]


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", *CHECKED],
        ["ruff", "format", "--check", *CHECKED],
        ["mypy", "app", "seed", "tests", "migrations/env.py"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_tool_passes(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
