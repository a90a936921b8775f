"""The reliability command cannot rot: its smoke mode runs here (its own file, so it runs
beside the benchmark's smoke test rather than after it)."""

import pytest

from tests.helpers import run_module


@pytest.mark.slow
def test_soak_smoke_mode_meets_every_goal() -> None:
    result = run_module("bench", "--soak", "--smoke")
    assert result.returncode == 0, result.stdout + result.stderr
    for goal in (
        "cold and cached URLs: 0 errors",
        "a rebuild under that load: 0 errors, no mixed data",
        "the seed build killed at 2 points",
    ):
        assert goal in result.stdout, goal
    assert "NOT met" not in result.stdout
