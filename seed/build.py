"""Writing a dataset to SQLite: schema by Alembic, then rows, then an atomic rename."""

import os
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, insert, text

from app.core.config import PROJECT_ROOT
from app.models import RenderedCount, RenderedDocument, RenderedItem, SearchRecord
from seed.dataset import Dataset
from seed.render import Rendered, render
from seed.search_index import build_search_entries

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
RECORD_COLUMNS = [c for c in SearchRecord.model_fields if c != "entry"]


def sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _enforce_foreign_keys(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    return engine


def alembic_config(database_path: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = f"sqlite:///{database_path}"
    return config


def is_current(database_path: Path, data_version: str) -> bool:
    """Whether the file has this checkout's schema head and was built from these curated files."""
    head = ScriptDirectory.from_config(alembic_config(database_path)).get_current_head()
    with sqlite3.connect(f"file:{database_path}?mode=ro", uri=True) as connection:
        try:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            built_from = connection.execute("SELECT data_version FROM dataset_meta").fetchone()
        except sqlite3.DatabaseError:
            return False
    return bool(revision == (head,) and built_from == (data_version,))


def migrate(database_path: Path) -> None:
    command.upgrade(alembic_config(database_path), "head")


def write_database(dataset: Dataset, target: Path) -> None:
    """Build the database next to ``target`` and move it into place in one step.

    Readers of the old file never see a half-built database, and a failed build leaves the
    old file untouched.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.building")
    temporary.unlink(missing_ok=True)
    try:
        migrate(temporary)
        engine = sqlite_engine(temporary)
        try:
            with engine.begin() as connection:
                for table, rows in dataset.rows_by_table():
                    if rows:
                        connection.execute(insert(table), [row.model_dump() for row in rows])
                entries = [
                    {"rowid": number, **entry.as_row()}
                    for number, entry in enumerate(build_search_entries(dataset), start=1)
                ]
                connection.execute(
                    text(
                        f"INSERT INTO search_entry ({', '.join(entries[0])}) "
                        f"VALUES ({', '.join(':' + column for column in entries[0])})"
                    ),
                    entries,
                )
                records = [
                    {"entry": entry["rowid"], **{c: entry[c] for c in RECORD_COLUMNS}}
                    for entry in entries
                ]
                connection.execute(insert(SearchRecord), records)
                store_rendered(connection, render(connection))
            with engine.connect() as connection:
                connection.exec_driver_sql("VACUUM")
        finally:
            engine.dispose()
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def store_rendered(connection: Connection, rendered: Rendered) -> None:
    for table, rows in (
        (RenderedItem, rendered.items),
        (RenderedCount, rendered.counts),
        (RenderedDocument, rendered.documents),
    ):
        columns = list(table.model_fields)
        # One shape for every row: each list fills only the keys it filters and sorts on.
        connection.execute(insert(table), [{c: row.get(c) for c in columns} for row in rows])
