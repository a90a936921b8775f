from datetime import UTC, datetime

from fastapi import APIRouter
from fastapi.responses import Response

from app.api.deps import DatabaseDep
from app.api.documents import stored_document
from app.api.representation import LanguageDep, document_response
from app.rendered import BUILT_AT_PLACEHOLDER, DocumentKind
from app.schemas import MetaPublic

router = APIRouter(tags=["meta"])


@router.get("/meta", response_model=MetaPublic)
async def read_meta(database: DatabaseDep, language: LanguageDep) -> Response:
    """The data version, when it was built, row counts and how much of each source is cited."""
    body = stored_document(database, DocumentKind.meta, "", language)
    assert body is not None, "every build stores its /meta document"
    built_at = datetime.fromtimestamp(database.built_at, UTC).isoformat(timespec="seconds")
    return document_response(body.replace(BUILT_AT_PLACEHOLDER.encode(), built_at.encode(), 1))
