from typing import Annotated

from fastapi import APIRouter
from fastapi.responses import Response

from app.api.deps import DatabaseDep, RecordId, SourceKey
from app.api.documents import serve_document
from app.api.filters import SupportFilter
from app.api.listing import ListQuery, serve_page
from app.api.pagination import PaginationDep
from app.api.representation import LanguageDep
from app.api.routes.search import SearchFilter, keep_matching
from app.api.sorting import sorting
from app.rendered import DocumentKind, Listing
from app.schemas import Page, SearchType, SourceCitationPublic, SourceDetail, SourcePublic

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get("", response_model=Page[SourcePublic])
async def read_sources(
    database: DatabaseDep,
    pagination: PaginationDep,
    order: Annotated[
        list[str], sorting(id="item_id", document="document", published_date="published_date")
    ] = [],  # noqa: B006  (FastAPI builds a new list per request)
    q: SearchFilter = None,
) -> Response:
    """The source articles every fact is cited from (metadata; the text is on each source)."""
    query = keep_matching(database, ListQuery(Listing.sources, order=order), q, SearchType.source)
    return serve_page(database, query, pagination)


@router.get("/{source_id}", response_model=SourceDetail)
async def read_source(
    database: DatabaseDep, source_id: RecordId, language: LanguageDep
) -> Response:
    """One source with its full text, against which every citation's offsets can be checked."""
    return serve_document(
        database, DocumentKind.source, source_id, language, f"No source with id '{source_id}'."
    )


@router.get("/{source_id}/citations", response_model=Page[SourceCitationPublic])
async def read_source_citations(
    database: DatabaseDep,
    source: SourceKey,
    pagination: PaginationDep,
    support: SupportFilter = None,
) -> Response:
    """Every quote taken from a source, in text order, and the fact each one supports."""
    query = ListQuery(Listing.source_citations, parent=source, support=support)
    return serve_page(database, query, pagination)
