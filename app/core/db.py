import logging
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from app.core.config import Settings

log = logging.getLogger(__name__)


def create_read_only_engine(settings: Settings) -> Engine:
    engine = create_engine(settings.read_only_database_url)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "checkout")
    def _start_the_clock(dbapi_connection, _record, _proxy):  # type: ignore[no-untyped-def]
        # Each request checks a connection out; past the deadline SQLite abandons the statement
        # (the handler runs every 1,000 virtual-machine steps) and the API answers 503.
        deadline = time.monotonic() + settings.query_timeout_seconds
        dbapi_connection.set_progress_handler(lambda: time.monotonic() > deadline, 1_000)

    return engine


def ensure_database(settings: Settings) -> None:
    """Build the database with the seed script when it is missing or out of date.

    The file is a build artifact: after an upgrade that adds a migration an old file would fail
    on every query, and after the curated files change it would serve stale facts, so in
    either case it is rebuilt from the curated data rather than served.
    """
    # Imported here: the seed pipeline is only needed when there may be something to build.
    from seed.build import is_current, write_database
    from seed.dataset import build_dataset
    from seed.loading import load_curated

    path: Path = settings.database_path
    curated = load_curated()
    if path.exists() and is_current(path, curated.data_sha256):
        return
    reason = "is missing" if not path.exists() else "is out of date"
    if not settings.build_database_if_missing:
        raise RuntimeError(f"database {path} {reason} and PARLEY_BUILD_DATABASE_IF_MISSING is off")
    log.info("database %s %s; building it from the curated data", path, reason)
    write_database(build_dataset(curated), path)
