from typing import Annotated, Any

from fastapi import APIRouter
from sqlmodel import col, select

from app.api.deps import SessionDep, SourceDep
from app.api.pagination import PaginationDep
from app.api.routes.search import SearchFilter, matching_ids
from app.api.sorting import sorting
from app.api.support import SupportFilter, with_support
from app.models import Citation, Fact, Source, SourceUncited
from app.presenters import cite, fetch_page, fields
from app.schemas import (
    CitedFact,
    Page,
    SearchType,
    SourceCitationPublic,
    SourceDetail,
    SourcePublic,
    UncitedSpan,
)

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get("")
def read_sources(
    session: SessionDep,
    pagination: PaginationDep,
    order: Annotated[
        list[Any],
        sorting(
            id=col(Source.id),
            document=col(Source.document),
            published_date=col(Source.published_date),
        ),
    ] = [],  # noqa: B006  (FastAPI builds a new list per request)
    q: SearchFilter = None,
) -> Page[SourcePublic]:
    """The source articles every fact is cited from (metadata; the text is on each source)."""
    statement = select(Source).order_by(*order, col(Source.document))
    matching = matching_ids(session, q, SearchType.source)
    if matching is not None:
        statement = statement.where(col(Source.id).in_(matching))
    sources, total = fetch_page(session, statement, pagination)
    items = [SourcePublic.model_validate(source) for source in sources]
    return pagination.page(items, total)


@router.get("/{source_id}")
def read_source(session: SessionDep, source: SourceDep) -> SourceDetail:
    """One source with its full text, against which every citation's offsets can be checked."""
    uncited = session.exec(
        select(SourceUncited)
        .where(SourceUncited.source_id == source.id)
        .order_by(col(SourceUncited.quote_start))
    )
    return SourceDetail(
        **fields(source),
        uncited=[
            UncitedSpan(
                start=span.quote_start, end=span.quote_end, reason=span.reason, note=span.note
            )
            for span in uncited
        ],
    )


@router.get("/{source_id}/citations")
def read_source_citations(
    session: SessionDep, source: SourceDep, pagination: PaginationDep, support: SupportFilter = None
) -> Page[SourceCitationPublic]:
    """Every quote taken from a source, in text order, and the fact each one supports."""
    statement = (
        select(Citation, Fact)
        .join(Fact, col(Fact.id) == col(Citation.fact_id))
        .where(Citation.source_id == source.id)
        .order_by(col(Citation.quote_start), col(Citation.id))
    )
    statement = with_support(statement, Citation.fact_id, support)
    rows, total = fetch_page(session, statement, pagination)
    items = [
        SourceCitationPublic(
            **cite(citation).model_dump(),
            fact=CitedFact.model_validate(fact),
        )
        for citation, fact in rows
    ]
    return pagination.page(items, total)
