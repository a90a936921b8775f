"""Every error as RFC 9457 problem details (``application/problem+json``)."""

import logging
import sqlite3
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException
from starlette.routing import Match

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
MAX_REPORTED_ERRORS = 20


class InvalidParameter(BaseModel):
    model_config = ConfigDict(frozen=True)

    location: str = Field(description="Where the bad value was: path, query, header.")
    name: str
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "about:blank",
                    "title": "Not Found",
                    "status": 404,
                    "detail": "No round numbered 9.",
                }
            ]
        }
    )

    type: str = Field(default="about:blank", description="Always about:blank: see status.")
    title: str = Field(description="The HTTP status phrase.")
    status: int
    detail: str = Field(description="What went wrong, for a person to read.")
    errors: list[InvalidParameter] | None = Field(
        default=None, description="On 422: each invalid parameter."
    )


def problem_response(
    status: int,
    detail: str,
    errors: list[InvalidParameter] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    problem = Problem(title=HTTPStatus(status).phrase, status=status, detail=detail, errors=errors)
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


# A regular expression is what the OpenAPI document should carry, but not what a person reading
# a 422 should get: each pattern a parameter declares is registered with its meaning in words.
_PATTERN_MEANINGS: dict[str, str] = {}


def invalid_query(kind: str, problems: dict[str, str]) -> RequestValidationError:
    """A 422 naming query parameters the app refuses itself, each with what is wrong with it,
    in the words and shape of FastAPI's own validation errors."""
    return RequestValidationError(
        [
            {"type": kind, "loc": ("query", name), "msg": message, "input": None}
            for name, message in problems.items()
        ]
    )


def pattern_meaning(pattern: str, meaning: str) -> str:
    """Declare what a 422 says when a value does not match ``pattern``; returns the pattern."""
    _PATTERN_MEANINGS[pattern] = meaning
    return pattern


def _message(error: dict[str, Any]) -> str:
    if error.get("type") == "string_pattern_mismatch":
        meaning = _PATTERN_MEANINGS.get(str(error.get("ctx", {}).get("pattern")))
        if meaning:
            return meaning
    return str(error["msg"])


def _describe(error: dict[str, Any]) -> InvalidParameter:
    location, *path = [str(part) for part in error.get("loc", ())] or ["request"]
    # Never echo the rejected value: it may be huge or hostile; the message is enough.
    return InvalidParameter(location=location, name=".".join(path)[:200], message=_message(error))


def _without_trailing_slash(request: Request) -> str | None:
    """The path the client meant, when it added a slash to one that exists."""
    path = request.scope["path"]
    if len(path) < 2 or not path.endswith("/"):
        return None
    meant = {**request.scope, "path": path.rstrip("/")}
    if any(route.matches(meant)[0] is Match.FULL for route in request.app.router.routes):
        return str(meant["path"])
    return None


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    status = error.status_code
    detail = error.detail if isinstance(error.detail, str) else HTTPStatus(status).description
    if status == 404 and detail == HTTPStatus(404).phrase:
        meant = _without_trailing_slash(request)
        detail = (
            f"No such endpoint. Paths take no trailing slash: did you mean {meant}?"
            if meant
            else "No such endpoint. The API lives under /api/v1; see /docs."
        )
    return problem_response(status, detail, headers=getattr(error, "headers", None))


async def _validation_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    # A parameter shared by two dependencies (``lang``) is checked by both: report it once.
    errors = list(dict.fromkeys(_describe(e) for e in error.errors()))
    # A request can name thousands of bad parameters; the answer stays small all the same.
    shown, left_out = errors[:MAX_REPORTED_ERRORS], len(errors) - MAX_REPORTED_ERRORS
    summary = "; ".join(f"{e.location} parameter '{e.name[:100]}': {e.message}" for e in shown)
    if left_out > 0:
        summary += f"; and {left_out} more"
    return problem_response(422, f"Invalid request. {summary}", shown)


async def _database_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, sqlite3.DatabaseError)
    if isinstance(error, sqlite3.OperationalError) and "interrupted" in str(error):
        return problem_response(503, "The query took longer than this server allows.")
    if "malformed" in str(error) or "corrupt" in str(error):
        log.error("the database file is damaged: %s", error)
        return problem_response(503, "The database file is damaged; this server needs a rebuild.")
    log.exception("database error", exc_info=error)
    return problem_response(500, "An unexpected error occurred. It has been logged.")


async def _unexpected_error(_request: Request, error: Exception) -> JSONResponse:
    log.exception("unhandled error", exc_info=error)
    return problem_response(500, "An unexpected error occurred. It has been logged.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(sqlite3.DatabaseError, _database_error)
    app.add_exception_handler(Exception, _unexpected_error)
