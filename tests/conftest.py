from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.core.config import CURATED_DATA_DIR, CURATED_DOCUMENTS_DIR, Settings
from app.main import create_app
from bench.servers import Server
from seed.__main__ import main as seed_main
from tests.helpers import DATA_DIR, DOCUMENTS_DIR
from tests.live_server import live_server

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def database_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real database, built once by the real seed script; the app only ever reads it."""
    path = tmp_path_factory.mktemp("db") / "parley.sqlite3"
    assert seed_main(["--database", str(path)]) == 0
    return path


@pytest.fixture(scope="session")
def settings(database_path: Path) -> Settings:
    return Settings(database_path=database_path, build_database_if_missing=False)


@pytest.fixture(scope="session")
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def server(database_path: Path) -> Iterator[Server]:
    """The real server (``python -m app``) on a socket, for the tests a client or a browser runs
    over the network: one per module."""
    with live_server(database_path) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator["Browser"]:
    """Debian's chromium, headless, through Playwright: one per module."""
    # Imported here: only the browser tests need Playwright loaded.
    from tests.browser import chromium

    with chromium() as running:
        yield running


ROOT = Path(__file__).resolve().parents[1]
_root_at_start: set[str] = set()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On curated data other than the shipped files (a grown copy, ``tests/grown.py``), a test of
    an exact figure of the five articles does not apply; every other test must pass."""
    if (DATA_DIR, DOCUMENTS_DIR) == (CURATED_DATA_DIR, CURATED_DOCUMENTS_DIR):
        return
    skip = pytest.mark.skip(reason="an exact figure of the five articles; this run has more")
    for item in items:
        if item.get_closest_marker("five_articles"):
            item.add_marker(skip)


def pytest_sessionstart(session: pytest.Session) -> None:
    _root_at_start.update(path.name for path in ROOT.iterdir())


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Tests write only to temporary directories and tests/artifacts: a file they leave at the
    repository root (a stray database dump, say) fails the run."""
    # Tool caches (.pytest_cache, .mypy_cache...) are hidden and ignored by git; anything else
    # new is a stray.
    left = sorted(
        name
        for name in {path.name for path in ROOT.iterdir()} - _root_at_start
        if not name.startswith(".")
    )
    if left:
        session.config.get_terminal_writer().line(
            f"tests left files at the repository root: {', '.join(left)}", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
