from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from sqlmodel import Session, select

from app.api.errors import install_error_handlers
from app.api.language import LanguageMiddleware, language_parameter
from app.api.middleware import ConditionalGetMiddleware, CsvMiddleware, RequestContextMiddleware
from app.api.openapi import install_openapi
from app.api.routes import (
    conflicts,
    events,
    export,
    health,
    issues,
    meta,
    participants,
    rounds,
    search,
    sources,
    statements,
)
from app.api.strict_query import reject_unknown_query_parameters
from app.core.config import Settings, get_settings
from app.core.db import create_read_only_engine, ensure_database
from app.models import DatasetMeta


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ensure_database(settings)
        app.state.engine = create_read_only_engine(settings)
        with Session(app.state.engine) as session:
            app.state.data_version = session.exec(select(DatasetMeta.data_version)).one()
        yield
        app.state.engine.dispose()

    app = FastAPI(
        title="Parley",
        summary="A cited, bilingual record of the 2025 Russia-US talks on the work of embassies.",
        version="1.0.0",
        lifespan=lifespan,
        # Stable operation ids (the route function's name) for generated clients.
        generate_unique_id_function=lambda route: route.name,
    )
    app.state.settings = settings
    app.state.data_version = ""
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
        app.include_router(
            router,
            prefix=settings.api_prefix,
            dependencies=[
                Depends(reject_unknown_query_parameters),
                Depends(language_parameter),
            ],
        )
    install_openapi(app)
    # Added innermost first: `lang` collapses the route's JSON, CSV converts it, gzip
    # compresses either, a matching ETag answers before any of them runs, and the request
    # context wraps everything, errors included.
    app.add_middleware(LanguageMiddleware)
    app.add_middleware(CsvMiddleware)
    # Level 5 compresses these JSON bodies almost as well as 9, at a fraction of the CPU.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    app.add_middleware(
        ConditionalGetMiddleware,
        data_version=lambda: app.state.data_version,
        max_age=settings.cache_max_age,
        cache_entries=settings.response_cache_entries,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET"],
        allow_headers=["If-None-Match", "X-Request-ID", "Accept"],
        expose_headers=["ETag", "Link", "X-Request-ID", "X-Total-Count"],
        max_age=600,
    )
    app.add_middleware(RequestContextMiddleware)
    return app


app = create_app()
