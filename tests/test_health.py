import os
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.main import create_app
from tests.helpers import API


def test_health_reports_ok(client: TestClient) -> None:
    response = client.get(f"{API}/health")
    assert response.status_code == 200
    health = response.json()
    assert health == {
        "status": "ok",
        "data_version": client.get(f"{API}/meta").json()["data_version"],
        "file_replaced": False,
        "file_changed": False,
        "file_checked": True,
    }


def test_health_is_never_cached(client: TestClient) -> None:
    response = client.get(f"{API}/health")
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers


def test_health_also_answers_at_the_root_where_load_balancers_look(client: TestClient) -> None:
    root, api = client.get("/health"), client.get(f"{API}/health")
    assert root.status_code == api.status_code == 200
    assert root.json() == api.json()
    assert root.headers["cache-control"] == "no-store"
    assert "/health" not in client.get("/openapi.json").json()["paths"]


def test_the_root_links_to_the_explorer_the_docs_and_every_list(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    for href in ("/explore", "/docs", "/openapi.json", f"{API}/health", f"{API}/rounds"):
        assert f'href="{href}"' in page.text
        assert client.get(href).status_code == 200, href


def test_a_file_changed_in_place_makes_health_degraded(tmp_path: Path, database_path: Path) -> None:
    # Copied over or truncated under a running process, the file is not what it opened: the
    # answers may fail or mix two files, and a load balancer must stop sending it clients.
    database = tmp_path / "parley.sqlite3"
    shutil.copy(database_path, database)
    settings = Settings(database_path=database, build_database_if_missing=False)
    with TestClient(create_app(settings)) as client:
        assert client.get(f"{API}/health").json()["file_changed"] is False
        with open(database, "r+b") as file:
            file.truncate(database.stat().st_size // 2)
        health = client.get(f"{API}/health")
        assert health.status_code == 503
        body = health.json()
        assert (body["status"], body["file_changed"], body["file_replaced"]) == (
            "degraded",
            True,
            False,
        )


@pytest.mark.parametrize(("edit", "changed"), [("touch", False), ("one byte", True)])
def test_a_touch_is_no_change_but_an_edit_of_the_same_size_is(
    tmp_path: Path, database_path: Path, edit: str, changed: bool
) -> None:
    database = tmp_path / "parley.sqlite3"
    shutil.copy(database_path, database)
    settings = Settings(database_path=database, build_database_if_missing=False)
    with TestClient(create_app(settings)) as client:
        later = database.stat().st_mtime + 60
        if edit == "one byte":
            with open(database, "r+b") as file:
                file.seek(database.stat().st_size // 2)
                byte = file.read(1)[0]
                file.seek(-1, os.SEEK_CUR)
                file.write(bytes([byte ^ 1]))
        os.utime(database, (later, later))
        health = client.get(f"{API}/health")
        assert health.json()["file_changed"] is changed
        assert health.status_code == (503 if changed else 200)
