"""Start-up behaviour: the database is built when missing, and opened read-only."""

import sqlite3
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.main import create_app
from seed.build import current_head
from seed.loading import curated_data_version
from tests.helpers import API


def test_a_missing_database_is_built_at_start_up(tmp_path: Path) -> None:
    database = tmp_path / "nested" / "parley.sqlite3"
    with TestClient(create_app(Settings(database_path=database))) as client:
        assert database.is_file()
        assert client.get(f"{API}/rounds/2").json()["number"] == 2


def test_a_database_with_an_old_schema_is_rebuilt(tmp_path: Path, database_path: Path) -> None:
    database = tmp_path / "old.sqlite3"
    database.write_bytes(database_path.read_bytes())
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    with TestClient(create_app(Settings(database_path=database))) as client:
        assert client.get(f"{API}/rounds/2/issues").status_code == 200
    with sqlite3.connect(database) as connection:
        rebuilt_at = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert rebuilt_at == (current_head(),)


def test_start_up_refuses_a_missing_database_when_building_is_off(tmp_path: Path) -> None:
    settings = Settings(database_path=tmp_path / "absent.sqlite3", build_database_if_missing=False)
    with pytest.raises(RuntimeError, match="is missing"), TestClient(create_app(settings)):
        pass


def test_the_serving_connection_cannot_write(app: FastAPI, client: TestClient) -> None:
    path = f"{API}/sources/ryabkov-new-round/citations?limit=500"
    before = client.get(path).json()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        app.state.database.connection.execute("DELETE FROM citation")
    assert before["items"] and client.get(path).json() == before


def test_a_database_built_from_other_curated_data_is_rebuilt(
    tmp_path: Path, database_path: Path
) -> None:
    database = tmp_path / "stale.sqlite3"
    database.write_bytes(database_path.read_bytes())
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE dataset_meta SET data_version = 'an older build'")
    with TestClient(create_app(Settings(database_path=database))) as client:
        version = client.get(f"{API}/meta").json()["data_version"]
    configured = Settings()
    assert version == curated_data_version(configured.data_dir, configured.documents_dir)
