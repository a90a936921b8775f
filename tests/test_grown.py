"""The suite on grown data: three more articles, brought in with the project's own tools and
cited from old and new records (``tests/grown.py``), and every test still passes, except the
ones marked as exact figures of the five articles. Slow (the whole suite once more), so CI runs
it as its own step: ``pytest -m slow``."""

import os
from pathlib import Path

import pytest

from tests.grown import ARTICLES, grow
from tests.helpers import run_module


@pytest.mark.slow
def test_the_suite_passes_on_data_grown_by_three_articles(tmp_path: Path) -> None:
    data, documents = grow(tmp_path)
    check = run_module(
        "seed", "--check", "--data-dir", str(data), "--documents-dir", str(documents)
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"{5 + len(ARTICLES)} sources" in check.stdout
    env = os.environ | {"PARLEY_DATA_DIR": str(data), "PARLEY_DOCUMENTS_DIR": str(documents)}
    result = run_module(
        "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow", env=env, timeout=1200
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in summary and "failed" not in summary, summary
