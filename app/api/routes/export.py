from typing import Annotated, Any, Literal

from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from app.api.deps import database_of
from app.api.documents import stored_document
from app.api.representation import document_response, get_language
from app.api.routing import ResourceRouter
from app.rendered import DocumentKind


class DownloadSlots:
    """How many downloads of the file may run at once: each holds a connection and a thread
    for as long as its client takes to read."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.active = 0

    def take(self) -> bool:
        if self.active >= self.limit:
            return False
        self.active += 1
        return True

    def give_back(self) -> None:
        self.active -= 1


class FileDownload(StreamingResponse):
    """The file, streamed in bounded chunks, its slot given back however the stream ends."""

    def __init__(self, slots: DownloadSlots, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slots = slots

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.slots.give_back()


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
        downloads: DownloadSlots = request.app.state.downloads
        if not downloads.take():
            raise HTTPException(
                503,
                f"{downloads.limit} downloads of the file are under way, the most this server "
                "runs at once; try again shortly.",
                headers={"Retry-After": "5"},
            )
        return FileDownload(
            downloads,
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
