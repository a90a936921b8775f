from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from fastapi.responses import Response, StreamingResponse

from app.api.deps import database_of
from app.api.documents import stored_document
from app.api.representation import document_response, get_language
from app.api.routing import ResourceRouter
from app.rendered import DocumentKind

router = ResourceRouter(
    tags=["export"],
    # Both languages always; `lang` is accepted here as on every operation.
    dependencies=[Depends(get_language)],
)


@router.get(
    "/export",
    response_class=Response,
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
async def read_export(
    request: Request,
    format: Annotated[
        Literal["json", "sqlite"],
        Query(description="`json` (default) for one JSON document, `sqlite` for the file."),
    ] = "json",
) -> Response:
    """Everything, for people who want all of it: as one JSON document or the SQLite file.

    Both languages always: the export is the tables as they are.
    """
    database = database_of(request)
    if format == "sqlite":
        return StreamingResponse(
            database.file_chunks(),
            media_type="application/vnd.sqlite3",
            headers={
                "Content-Disposition": 'attachment; filename="parley.sqlite3"',
                "Content-Length": str(database.size),
            },
        )
    body = stored_document(database, DocumentKind.export, "", None)
    assert body is not None, "every build stores its export"
    return document_response(body)
