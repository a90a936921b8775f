from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.api.errors import install_error_handlers
from app.api.routes import (
    conflicts,
    events,
    health,
    issues,
    meta,
    participants,
    rounds,
    sources,
    statements,
)
from app.core.config import Settings, get_settings
from app.core.db import create_read_only_engine, ensure_database


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ensure_database(settings)
        app.state.engine = create_read_only_engine(settings)
        yield
        app.state.engine.dispose()

    app = FastAPI(
        title="Parley",
        summary="A cited, bilingual record of the 2025 Russia-US talks on the work of embassies.",
        version="1.0.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    install_error_handlers(app)
    for router in (
        rounds.router,
        participants.router,
        issues.router,
        statements.router,
        events.router,
        conflicts.router,
        sources.router,
        meta.router,
        health.router,
    ):
        app.include_router(router, prefix=settings.api_prefix)
    return app


app = create_app()
