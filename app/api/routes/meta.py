from fastapi import Request
from fastapi.responses import Response

from app.api.deps import database_of
from app.api.documents import document_of, serve_document
from app.api.representation import LanguageQuery
from app.api.routing import ResourceRouter
from app.rendered import DocumentKind

router = ResourceRouter(tags=["meta"])


@router.get("/meta", response_model=document_of(DocumentKind.meta))
async def read_meta(request: Request, lang: LanguageQuery = None) -> Response:
    """The data version, when it was built, row counts and how much of each source is cited."""
    return serve_document(database_of(request), DocumentKind.meta, "", lang)
