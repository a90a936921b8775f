import json
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, StreamingResponse
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

router = APIRouter(tags=["export"])

EXCLUDED_TABLES = {"alembic_version"}


def stream_tables(engine: Engine, data_version: str) -> Iterator[bytes]:
    """The whole database as one JSON object, one table at a time, never all in memory."""
    yield b'{"data_version":' + json.dumps(data_version).encode() + b',"tables":{'
    tables = [t for t in SQLModel.metadata.sorted_tables if t.name not in EXCLUDED_TABLES]
    with engine.connect() as connection:
        for position, table in enumerate(tables):
            key_columns = [column.name for column in inspect(table).primary_key]
            yield (b"," if position else b"") + json.dumps(table.name).encode() + b":["
            rows = connection.execute(
                text(f'SELECT * FROM "{table.name}" ORDER BY {", ".join(key_columns)}')
            )
            for number, row in enumerate(rows.mappings()):
                yield (b"," if number else b"") + json.dumps(
                    dict(row), ensure_ascii=False, separators=(",", ":")
                ).encode("utf-8")
            yield b"]"
    yield b"}}"


@router.get(
    "/export",
    response_class=StreamingResponse,
    response_model=None,
    responses={
        200: {
            "description": "Every table of the database, keyed by table name, rows in key order.",
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["data_version", "tables"],
                        "properties": {
                            "data_version": {"type": "string"},
                            "tables": {
                                "type": "object",
                                "additionalProperties": {
                                    "type": "array",
                                    "items": {"type": "object"},
                                },
                            },
                        },
                    }
                },
                "application/vnd.sqlite3": {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
)
def read_export(
    request: Request,
    format: Annotated[
        Literal["json", "sqlite"],
        Query(description="`json` (default) for one JSON document, `sqlite` for the file."),
    ] = "json",
) -> StreamingResponse | FileResponse:
    """Everything, for people who want all of it: as one JSON document or the SQLite file."""
    if format == "sqlite":
        return FileResponse(
            request.app.state.settings.database_path,
            media_type="application/vnd.sqlite3",
            filename="parley.sqlite3",
        )
    return StreamingResponse(
        stream_tables(request.app.state.engine, request.app.state.data_version),
        media_type="application/json",
    )
