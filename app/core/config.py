from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    """Every setting, read from ``PARLEY_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="PARLEY_", frozen=True)

    database_path: Path = PROJECT_ROOT / "seed" / "build" / "parley.sqlite3"
    """The SQLite file the API serves; built by the seed script when missing."""

    build_database_if_missing: bool = True
    """Run the seed build at start-up when ``database_path`` does not exist."""

    api_prefix: str = "/api/v1"

    host: str = "127.0.0.1"
    """Interface ``python -m app`` listens on."""

    port: int = 8000
    """Port ``python -m app`` listens on."""

    environment: Literal["development", "production"] = "development"
    """Selects defaults that differ between a developer's machine and a public deployment."""

    cors_origins: list[str] | None = None
    """Origins allowed to read the API from a browser; unset: ``*`` in development, none in
    production. Given as a JSON list, e.g. ``["https://parley.example"]``."""

    cache_max_age: int = 300
    """Seconds clients and proxies may reuse a response without revalidating it."""

    workers: int = Field(default=1, ge=1)
    """Server processes ``python -m app`` starts; each opens its own copy of the file."""

    response_cache_bytes: int = Field(default=32 * 1024 * 1024, ge=0)
    """Bytes of finished responses kept in memory for repeated GETs (0 turns the cache off)."""

    query_timeout_seconds: float = 2.0
    """Longest a request may spend in SQLite before it is stopped with a 503."""

    @property
    def allowed_origins(self) -> list[str]:
        if self.cors_origins is not None:
            return self.cors_origins
        return ["*"] if self.environment == "development" else []


@lru_cache
def get_settings() -> Settings:
    return Settings()
