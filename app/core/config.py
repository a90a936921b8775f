import difflib
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import DirectoryPath, Field, StringConstraints, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# The curated files and the articles they cite, as shipped.
CURATED_DATA_DIR = PROJECT_ROOT / "seed" / "data"
CURATED_DOCUMENTS_DIR = PROJECT_ROOT / "seed" / "documents"
ENV_PREFIX = "PARLEY_"
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
# More memory for finished responses than any deployment of this data could use: a larger
# value is a typo (1e20), not a plan.
MAX_CACHE_BYTES = 64 * 1024**3
# An origin as browsers send it: scheme, host and an optional port, nothing after.
ORIGIN = re.compile(r"^https?://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$")
# Every build has these: a record's readable key is made from its English text, a disputed
# value's from its Arabic, and glosses are English. Others are added beside them.
BASE_LANGUAGES = ("en", "ar")
# Where the health check answers, under the API's prefix and at the root: the routes serve it
# there, and the server lets it in even when it is full.
HEALTH_PATH = "/health"


class Settings(BaseSettings):
    """Every setting, read from ``PARLEY_*`` environment variables.

    Each is range-checked: a value the server cannot honour stops it at start-up, with a line
    naming the variable (see ``describe_invalid_settings``), rather than misbehaving later.
    """

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True)

    database_path: Path = PROJECT_ROOT / "seed" / "build" / "parley.sqlite3"
    """The SQLite file the API serves; built by the seed script when missing."""

    build_database_if_missing: bool = True
    """Run the seed build at start-up when ``database_path`` does not exist."""

    data_dir: DirectoryPath = CURATED_DATA_DIR
    """The curated files: the seed script builds from them, and the server serves only a
    database built from them (it rebuilds, or refuses, one built from other data)."""

    documents_dir: DirectoryPath = CURATED_DOCUMENTS_DIR
    """The articles the curated files cite."""

    check_database: bool = True
    """Check at start-up that the database is byte for byte what its build wrote (its seal) and
    refuse, or rebuild, a damaged file. About 0.8 s per GiB here."""

    api_prefix: str = Field(default="/api/v1", pattern=r"^(/[A-Za-z0-9._~-]+)+$")

    languages: Annotated[tuple[LanguageTag, ...], NoDecode] = Field(
        default=BASE_LANGUAGES, min_length=1
    )
    """The languages every curated text is given in, as ``name_en``, ``name_ar``...; ``lang``
    takes any of them. A comma-separated list of lowercase ISO 639 codes, ``en`` and ``ar``
    among them; a new one needs its texts in the curated files (``name_ru``...), and its
    wording in ``wording.yaml``."""

    host: str = Field(default="127.0.0.1", min_length=1)
    """Interface ``python -m app`` listens on."""

    port: int = Field(default=8000, ge=1, le=65535)
    """Port ``python -m app`` listens on."""

    environment: Literal["development", "production"] = "development"
    """Selects defaults that differ between a developer's machine and a public deployment."""

    cors_origins: Annotated[list[str] | None, NoDecode] = None
    """Origins allowed to read the API from a browser; unset: ``*`` in development, none in
    production. A comma-separated list (``https://a.example,https://b.example``) or a JSON
    list."""

    cache_max_age: int = Field(default=300, ge=0, le=31_536_000)
    """Seconds clients and proxies may reuse a response without revalidating it."""

    workers: int = Field(default=1, ge=1, le=64)
    """Server processes ``python -m app`` starts; each opens its own copy of the file."""

    response_cache_bytes: int = Field(default=32 * 1024 * 1024, ge=0, le=MAX_CACHE_BYTES)
    """Bytes of finished responses kept in memory for repeated GETs (0 turns the cache off)."""

    query_timeout_seconds: float = Field(default=2.0, ge=0.001, le=600, allow_inf_nan=False)
    """Longest a request may spend in SQLite before it is stopped with a 503."""

    max_connections: int = Field(default=1000, ge=1, le=100_000)
    """Open connections ``python -m app`` keeps per process; past it a new one gets a 503."""

    max_connections_per_client: int = Field(default=256, ge=1, le=100_000)
    """Open connections one client address may hold; past it that address gets 503s, so one
    client's flood leaves room for the others. Behind a reverse proxy every connection comes
    from the proxy's address: set it to ``PARLEY_MAX_CONNECTIONS`` there."""

    send_timeout_seconds: float = Field(default=30.0, ge=0.1, le=3600, allow_inf_nan=False)
    """Longest an answer may wait for its client to read any of it; past it the connection
    is dropped (a client that never reads keeps nothing)."""

    shutdown_timeout_seconds: int = Field(default=5, ge=0, le=600)
    """On SIGTERM, how long answers in flight may take to finish before they are dropped and
    the process exits."""

    max_downloads: int = Field(default=32, ge=1, le=10_000)
    """Concurrent downloads of the database file (``/export?format=sqlite``); past it, a 503
    with Retry-After."""

    access_log_delay_seconds: float = Field(default=0.05, ge=0, le=60, allow_inf_nan=False)
    """Longest a request's access-log line may wait to be written with others (one write for
    many requests is much cheaper than one each); 0 writes each line as its request ends. A
    normal stop writes what is waiting; a hard kill loses the lines of this last stretch."""

    max_header_bytes: int = Field(default=32 * 1024, ge=1024, le=1024 * 1024)
    """Largest request line plus headers ``python -m app`` reads; past it, a 431."""

    header_timeout_seconds: float = Field(default=10.0, ge=0.1, le=600, allow_inf_nan=False)
    """Time a connection has to send a complete request head before it is closed."""

    @field_validator("languages", mode="before")
    @classmethod
    def _language_list(cls, value: object) -> object:
        if isinstance(value, str):
            value = tuple(code.strip() for code in value.split(",") if code.strip())
        if isinstance(value, tuple | list) and len(set(value)) != len(value):
            raise ValueError("each language may be listed once")
        if isinstance(value, tuple | list) and not set(BASE_LANGUAGES) <= set(value):
            raise ValueError(
                "the list must include en and ar: records are keyed by their English names and "
                "the sources' Arabic, and quotes are glossed in English"
            )
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            if value.lstrip().startswith("["):
                try:
                    return json.loads(value)
                except json.JSONDecodeError:
                    raise ValueError(
                        "expected a comma-separated list of origins or a JSON list of strings"
                    ) from None
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("api_prefix")
    @classmethod
    def _no_dot_segments(cls, value: str) -> str:
        # A client resolving the URL collapses "." and "..", and every endpoint would 404.
        if any(segment in (".", "..") for segment in value.split("/")):
            raise ValueError('a segment may not be "." or ".."')
        return value

    @field_validator("cors_origins")
    @classmethod
    def _origins(cls, value: list[str] | None) -> list[str] | None:
        for origin in value or []:
            if origin != "*" and not ORIGIN.match(origin):
                raise ValueError(
                    f"{origin!r} is not an origin: expected scheme://host[:port], such as "
                    "https://a.example, or *"
                )
        return value

    @property
    def allowed_origins(self) -> list[str]:
        if self.cors_origins is not None:
            return self.cors_origins
        return ["*"] if self.environment == "development" else []


def describe_invalid_settings(error: ValidationError) -> list[str]:
    """One line per bad setting: the variable, the value given, and what is allowed."""
    lines = []
    for problem in error.errors(include_url=False):
        name = ENV_PREFIX + str(problem["loc"][0]).upper() if problem["loc"] else ENV_PREFIX
        given = problem.get("input")
        shown = repr(given) if isinstance(given, str | int | float) else "the value given"
        message = str(problem["msg"]).removeprefix("Value error, ")
        lines.append(f"{name}={shown} is not allowed: {message[0].lower()}{message[1:]}")
    return lines


def unknown_variables(environ: dict[str, str] | None = None) -> list[str]:
    """A line for each ``PARLEY_*`` variable that is no setting (a misspelling is otherwise
    silently ignored), naming the nearest setting."""
    known = [name.upper() for name in Settings.model_fields]
    lines = []
    for name in sorted(environ if environ is not None else os.environ):
        if name.startswith(ENV_PREFIX) and name.removeprefix(ENV_PREFIX) not in known:
            # Compared without the prefix, which every name shares.
            nearest = difflib.get_close_matches(name.removeprefix(ENV_PREFIX), known, n=1)
            hint = f"; did you mean {ENV_PREFIX}{nearest[0]}?" if nearest else ""
            lines.append(f"{name} is not a setting and is ignored{hint}")
    return lines


@lru_cache
def get_settings() -> Settings:
    return Settings()


def configured_languages() -> tuple[str, ...]:
    """The configured languages, for the modules that shape records by them when imported. A bad
    setting gives the default here; the server and the seed script then refuse it in words."""
    try:
        return get_settings().languages
    except ValidationError:
        return tuple(Settings.model_fields["languages"].default)
