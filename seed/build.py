"""Writing a dataset to SQLite: schema by Alembic, then rows, then an atomic rename."""

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, insert, text
from sqlalchemy.exc import DBAPIError

from app.core.config import PROJECT_ROOT
from app.core.db import ReadOnlyDatabase
from app.core.seal import is_sealed_as, seal
from app.models import RenderedCount, RenderedDocument, RenderedItem, SearchRecord
from seed.dataset import Dataset
from seed.render import Rendered, render
from seed.search_index import build_search_entries
from seed.stored_searches import indexed_words, stored_searches

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
RECORD_COLUMNS = [c for c in SearchRecord.model_fields if c != "entry"]
# A build's own queries have no client waiting: only a runaway one is stopped.
STORED_SEARCH_TIMEOUT_SECONDS = 60.0


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


def current_head() -> str | None:
    """This checkout's schema head: the revision a database must be at to be served."""
    return ScriptDirectory.from_config(alembic_config(Path())).get_current_head()


@dataclass(frozen=True)
class DatabaseState:
    """What a database file is, as the server needs to know before serving it."""

    current: bool
    problem: str = ""
    """Why it cannot be served as it is, in words: "is missing", "is damaged: ..."."""


SQLITE_HEADER = b"SQLite format 3\x00"
# What a Parley build writes into its SQLite header ("PRLY"), at bytes 68-71.
PARLEY_APPLICATION_ID = int.from_bytes(b"PRLY", "big")


def replaceable(path: Path) -> bool:
    """Whether a build may write over the file at ``path``: nothing there, an empty file, or a
    Parley build however damaged (its header says so). Anything else is someone's data."""
    try:
        with open(path, "rb") as file:
            head = file.read(100)
    except (FileNotFoundError, NotADirectoryError):
        return True  # nothing there (a parent that is a file is reported when it is made)
    if not head:
        return True
    if head[:16] != SQLITE_HEADER:
        return False
    if int.from_bytes(head[68:72], "big") == PARLEY_APPLICATION_ID:
        return True
    # Built before builds marked their files: Parley's own tables say so.
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False
    return {"dataset_meta", "rendered_document"} <= names


def quick_check(connection: sqlite3.Connection) -> str:
    """SQLite's own check of every page and index (``PRAGMA quick_check``): "ok" or the first
    problem it finds."""
    found = connection.execute("PRAGMA quick_check(1)").fetchone()
    return str(found[0]) if found else "no answer"


def inspect_database(
    database_path: Path, data_version: str, check_pages: bool = True
) -> DatabaseState:
    """Whether the file exists, is an intact SQLite database (its seal checked when
    ``check_pages``), has this checkout's schema head and was built from these curated files;
    and if not, which of these fails."""
    if not database_path.exists():
        return DatabaseState(False, "is missing")
    if not database_path.is_file():
        return DatabaseState(False, "is not a file")
    with open(database_path, "rb") as file:
        if file.read(16) != SQLITE_HEADER:
            return DatabaseState(False, "is not a SQLite database (empty, or another kind of file)")
    head = current_head()
    connection = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)
    try:
        try:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            revision = None
        if revision != (head,):
            # Checked for damage all the same: an older build is rebuilt, a damaged one must
            # not be mistaken for someone else's file.
            checked = quick_check(connection) if check_pages else "ok"
            if checked != "ok":
                first = " ".join(checked.split())[:200]
                return DatabaseState(False, f"is damaged (SQLite's quick_check: {first})")
            if revision is None:
                return DatabaseState(False, "is not a Parley database")
            return DatabaseState(False, f"has an older schema ({revision[0]})")
        built_from, sealed_with = connection.execute(
            "SELECT data_version, content_hash FROM dataset_meta"
        ).fetchone()
    except (sqlite3.DatabaseError, TypeError) as error:
        return DatabaseState(False, f"is damaged ({error or 'no build record'})")
    finally:
        connection.close()
    # Every byte as the build wrote it: a stronger check than quick_check, and a faster one.
    if check_pages and not is_sealed_as(database_path, sealed_with):
        return DatabaseState(False, "is damaged (its bytes are not those its build sealed)")
    if built_from != data_version:
        return DatabaseState(False, "was built from other curated data")
    return DatabaseState(True)


def migrate(database_path: Path) -> None:
    command.upgrade(alembic_config(database_path), "head")


class BuildEnvironmentError(Exception):
    """The database could not be written for a reason outside the curated data: a read-only or
    full disk, a path that is a directory, a parent that is a file. Says which, in one line."""

    def __init__(self, path: Path, cause: str) -> None:
        super().__init__(f"cannot write {path}: {cause}")


def _cause(error: BaseException) -> str:
    """The cause in words, without the SQL and parameters a database error carries."""
    original = getattr(error, "orig", None) or error
    if isinstance(original, OSError) and original.strerror:
        return original.strerror.lower()
    return str(original).splitlines()[0] if str(original) else type(original).__name__


def remove_stale_builds(target: Path) -> None:
    """Delete the temporary files of builds whose process is gone (killed mid-build), and the
    pinned names of builds served by servers that are gone (killed, see app.main.pin_build)."""
    leftovers = [
        *target.parent.glob(f".{target.name}.*.building*"),
        *target.parent.glob(f".{target.name}.*.serving"),
    ]
    for leftover in leftovers:
        pid = leftover.name.removeprefix(f".{target.name}.").split(".", 1)[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_database(dataset: Dataset, target: Path) -> None:
    """Build the database next to ``target`` and move it into place in one step.

    Readers of the old file never see a half-built database, and a failed build leaves the
    old file untouched. A problem with where it is written raises ``BuildEnvironmentError``.
    """
    if target.is_dir():
        raise BuildEnvironmentError(target, "it is a directory")
    try:
        ours = replaceable(target)
    except OSError as error:
        raise BuildEnvironmentError(target, _cause(error)) from None
    if not ours:
        raise BuildEnvironmentError(
            target,
            "it is not a Parley database, and a build replaces only its own files; move it, or "
            "set PARLEY_DATABASE_PATH to another path",
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise BuildEnvironmentError(target, f"{target.parent} is not a directory") from None
    except OSError as error:
        raise BuildEnvironmentError(target, _cause(error)) from None
    temporary = target.with_name(f".{target.name}.{os.getpid()}.building")
    journal = temporary.with_name(temporary.name + "-journal")
    try:
        remove_stale_builds(target)
        temporary.unlink(missing_ok=True)
        _build(dataset, temporary)
        os.replace(temporary, target)
    except (OSError, sqlite3.Error, DBAPIError) as error:
        raise BuildEnvironmentError(target, _cause(error)) from None
    finally:
        for leftover in (temporary, journal):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)


def _build(dataset: Dataset, temporary: Path) -> None:
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
            store_rendered(connection, render(dataset, connection))
        # Over the index just written, read as the server reads it.
        reader = ReadOnlyDatabase(temporary, query_timeout_seconds=STORED_SEARCH_TIMEOUT_SECONDS)
        try:
            searches = stored_searches(reader, indexed_words(entries))
        finally:
            reader.close()
        with engine.begin() as connection:
            store_rendered(connection, searches)
        with engine.connect() as connection:
            # The build's mark in the file header, which survives damage to any other page.
            connection.exec_driver_sql(f"PRAGMA application_id = {PARLEY_APPLICATION_ID}")
            connection.exec_driver_sql("VACUUM")
    finally:
        engine.dispose()
    # Last: any write after this would break it.
    seal(temporary)


def store_rendered(connection: Connection, rendered: Rendered) -> None:
    for table, rows in (
        (RenderedItem, rendered.items),
        (RenderedCount, rendered.counts),
        (RenderedDocument, rendered.documents),
    ):
        if not rows:
            continue  # an empty executemany would insert one row of defaults
        columns = list(table.model_fields)
        # One shape for every row: each list fills only the keys it filters and sorts on.
        connection.execute(insert(table), [{c: row.get(c) for c in columns} for row in rows])
