from typing import Annotated

from fastapi import Request
from fastapi.responses import Response

from app.api.deps import RecordId, SourceKey, database_of
from app.api.documents import document_of, serve_document
from app.api.filters import ClaimFilter, SearchFilter, SupportFilter, keep_matching
from app.api.listing import ListQuery, page_of, serve_page
from app.api.pagination import PaginationDep
from app.api.representation import LanguageQuery
from app.api.routing import ResourceRouter
from app.api.sorting import sorting
from app.rendered import DocumentKind, Listing
from app.schemas import SearchType

router = ResourceRouter(prefix="/sources", tags=["sources"])


@router.get("", response_model=page_of(Listing.sources))
async def read_sources(
    request: Request,
    pagination: PaginationDep,
    order: Annotated[
        list[str], sorting(id="item_id", document="document", published_date="published_date")
    ] = [],  # noqa: B006  (FastAPI builds a new list per request)
    q: SearchFilter = None,
) -> Response:
    """The source articles every fact is cited from (metadata; the text is on each source)."""
    query = keep_matching(
        database_of(request), ListQuery(Listing.sources, order=order), q, SearchType.source
    )
    return serve_page(database_of(request), query, pagination)


@router.get("/{source_id}", response_model=document_of(DocumentKind.source))
async def read_source(
    request: Request, source_id: RecordId, lang: LanguageQuery = None
) -> Response:
    """One source with its full text, against which every citation's offsets can be checked."""
    return serve_document(
        database_of(request),
        DocumentKind.source,
        source_id,
        lang,
    )


@router.get("/{source_id}/citations", response_model=page_of(Listing.source_citations))
async def read_source_citations(
    request: Request,
    source: SourceKey,
    pagination: PaginationDep,
    support: SupportFilter = None,
    claim: ClaimFilter = None,
) -> Response:
    """Every quote taken from a source, in text order, and the fact each one supports."""
    query = ListQuery(Listing.source_citations, parent=source, support=support, claim=claim)
    return serve_page(database_of(request), query, pagination)
