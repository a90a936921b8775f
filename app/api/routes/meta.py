from datetime import UTC, datetime

from fastapi import Request
from fastapi.responses import Response

from app.api.deps import database_of
from app.api.documents import document_of, stored_document
from app.api.representation import LanguageQuery, document_response
from app.api.routing import ResourceRouter
from app.rendered import BUILT_AT_PLACEHOLDER, DocumentKind

router = ResourceRouter(tags=["meta"])


@router.get("/meta", response_model=document_of(DocumentKind.meta))
async def read_meta(request: Request, lang: LanguageQuery = None) -> Response:
    """The data version, when it was built, row counts and how much of each source is cited."""
    database = database_of(request)
    body = stored_document(database, DocumentKind.meta, "", lang)
    assert body is not None, "every build stores its /meta document"
    built_at = datetime.fromtimestamp(database.built_at, UTC).isoformat(timespec="seconds")
    return document_response(body.replace(BUILT_AT_PLACEHOLDER.encode(), built_at.encode(), 1))
