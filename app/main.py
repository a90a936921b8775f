import asyncio
import logging
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from app.api.errors import install_error_handlers
from app.api.middleware import Edge
from app.api.openapi import install_openapi
from app.api.response_cache import ResponseCache
from app.api.route_index import install_route_index
from app.api.routes import (
    conflicts,
    events,
    export,
    health,
    index,
    issues,
    meta,
    participants,
    rounds,
    search,
    sources,
    statements,
)
from app.core.access_log import AccessLog
from app.core.config import Settings, get_settings
from app.core.db import ReadOnlyDatabase
from app.docs import install_docs
from app.explore import install_explore

log = logging.getLogger("parley")


# Set by `python -m app` for the processes it starts: the file whose seal it checked.
CHECKED_FILE = "_PARLEY_CHECKED_FILE"
# Set by `python -m app` for its workers: a second name (a hard link) of the build it checked,
# which every worker opens, so that one restarted after a rebuild still serves the same build.
SERVED_FILE = "_PARLEY_SERVED_FILE"


def pin_build(path: Path) -> Path:
    """A hard link to the file at ``path``, beside it, for as long as this process serves it:
    a rebuild renames a new file onto ``path``, but the link still names the build checked."""
    pinned = path.with_name(f".{path.name}.{os.getpid()}.serving")
    pinned.unlink(missing_ok=True)
    os.link(path, pinned)
    return pinned


def file_identity(path: Path) -> str:
    """The file as it is on disk: a replaced or rewritten file has another identity."""
    try:
        found = path.stat()
    except OSError:
        return ""
    return f"{path.resolve()}:{found.st_dev}:{found.st_ino}:{found.st_size}:{found.st_mtime_ns}"


def ensure_database(settings: Settings) -> bool:
    """Build the database with the seed script when it is missing, damaged or out of date, and
    log what was found and done. Returns whether the file to serve had its seal checked.

    The file is a build artifact: after an upgrade that adds a migration an old file would fail
    on every query, and after the curated files change it would serve stale facts, so in
    either case it is rebuilt from the curated data rather than served. A damaged file (one whose
    bytes are not those its build sealed, app/core/seal.py) would answer some requests wrongly and
    fail others, so it is never served. Invalid
    curated data raises the seed script's ``SeedError``, which lists every problem.
    """
    # Imported here: the seed pipeline is only needed when there may be something to build.
    from seed.build import inspect_database, write_database
    from seed.dataset import build_dataset
    from seed.loading import curated_data_version, load_curated

    path: Path = settings.database_path
    # Hashed, not parsed: `python -m app` and then each of its workers ask, and a current file
    # (the usual case) needs nothing more. Files with the version of a valid build are valid.
    version = curated_data_version(settings.data_dir, settings.documents_dir)
    # Every page was read moments ago by `python -m app`, before it started this process: the
    # same file is not read again.
    already = settings.check_database and os.environ.get(CHECKED_FILE) == file_identity(path)
    state = inspect_database(path, version, settings.check_database and not already)
    if state.current:
        if already:
            found = "intact (its seal checked at start-up)"
        else:
            found = "intact" if settings.check_database else "(not checked)"
        log.info("database %s found %s, data version %s", path, found, version)
        return settings.check_database
    reason = state.problem
    if not settings.build_database_if_missing:
        raise RuntimeError(
            f"database {path} {reason}; not serving it, and not rebuilding it because "
            "PARLEY_BUILD_DATABASE_IF_MISSING is off"
        )
    started = time.perf_counter()
    curated = load_curated(settings.data_dir, settings.documents_dir)
    write_database(build_dataset(curated), path)
    log.info(
        "database %s %s: built it in %.1f s, data version %s",
        path,
        reason,
        time.perf_counter() - started,
        curated.data_version,
    )
    return True


# How often a server looks at its file between /health checks.
WATCH_SECONDS = 5.0


async def watch_file(database: ReadOnlyDatabase) -> None:
    """Say in the log, once each, when the file served is replaced (a rebuild waiting for a
    restart) or changed in place (damage: /health now answers degraded), even if nobody asks
    /health."""
    said: set[str] = set()
    while True:
        await asyncio.sleep(WATCH_SECONDS)
        if "replaced" not in said and database.replaced_on_disk():
            said.add("replaced")
            log.warning(
                "database %s was replaced on disk; still serving data version %s until restarted",
                database.watched,
                database.data_version,
            )
        if "changed" not in said and database.changed_in_place():
            said.add("changed")
            log.error(
                "database %s was changed in place while served; /health answers degraded: "
                "restart on a rebuilt file",
                database.watched,
            )


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pinned = os.environ.get(SERVED_FILE)
        if pinned:
            # A worker: the parent checked the build and pinned it for every worker.
            database = ReadOnlyDatabase(
                Path(pinned), settings.query_timeout_seconds, watched=settings.database_path
            )
            database.checked = settings.check_database
        else:
            checked = ensure_database(settings)
            database = ReadOnlyDatabase(settings.database_path, settings.query_timeout_seconds)
            database.checked = checked
        # Lifespans can nest (two test clients on one app): each restores what it replaced.
        previous = (
            getattr(app.state, "database", None),
            getattr(app.state, "data_version", ""),
            getattr(app.state, "served_build", ""),
        )
        app.state.database, app.state.data_version = database, database.data_version
        # What every response's tag depends on besides the request (see ConditionalGet): the
        # seal of the file's bytes, recorded by its build, never a time the file system keeps.
        app.state.served_build = database.content_hash
        watcher = asyncio.create_task(watch_file(database))
        yield
        watcher.cancel()
        app.state.access_log.flush()
        app.state.database, app.state.data_version, app.state.served_build = previous
        database.close()

    app = FastAPI(
        title="Parley",
        summary="A cited, bilingual record of the 2025 Russia-US talks on the work of embassies.",
        description="Every fact carries its citations: the article, the exact quote in the "
        "article's language, its offsets and an English gloss. To browse the evidence instead "
        "of reading JSON, open the bilingual explorer at [/explore](/explore).",
        version="1.0.0",
        lifespan=lifespan,
        # Served by install_docs from the app's own assets, not from a CDN.
        docs_url=None,
        redoc_url=None,
        # /rounds/ is answered with a 404 naming /rounds, not an empty redirect.
        redirect_slashes=False,
        # Stable operation ids (the route function's name) for generated clients.
        generate_unique_id_function=lambda route: route.name,
        # FastAPI's own OpenTelemetry, which the product does not use: off, so no request
        # asks whether a tracer or meter is configured.
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    app.state.settings = settings
    app.state.response_cache = ResponseCache(settings.response_cache_bytes)
    app.state.access_log = AccessLog(
        logging.getLogger("parley.access"), settings.access_log_delay_seconds
    )
    app.state.downloads = export.DownloadSlots(settings.max_downloads)
    install_error_handlers(app)
    for router in (
        rounds.router,
        participants.router,
        issues.router,
        statements.router,
        events.router,
        conflicts.router,
        search.router,
        sources.router,
        meta.router,
        export.router,
        health.router,
    ):
        app.include_router(router.mount_under(settings.api_prefix), prefix=settings.api_prefix)
    # Where someone opening the server's address lands, and the health check where load
    # balancers look for it, beside the API's own.
    app.include_router(index.router)
    app.include_router(health.root_router)
    install_openapi(app)
    install_docs(app)
    install_explore(app)
    install_route_index(app)
    # One layer for what every request and response shares (app/api/middleware.py): ids,
    # logs, security headers, HEAD, CORS, ETags and the cache, gzip.
    app.add_middleware(
        Edge,
        access_log=app.state.access_log,
        served_build=lambda: app.state.served_build,
        max_age=settings.cache_max_age,
        cache=app.state.response_cache,
        allowed_origins=settings.allowed_origins,
        gzip_minimum_size=1024,
        gzip_level=5,
    )
    return app


app = create_app()
