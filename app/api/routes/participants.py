from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from app.api.deps import ParticipantKey, RecordId, database_of
from app.api.documents import document_of, serve_document
from app.api.filters import ClaimFilter, SearchFilter, SupportFilter, keep_matching
from app.api.listing import ListQuery, page_of, serve_page
from app.api.pagination import PaginationDep
from app.api.representation import LanguageQuery
from app.api.routing import ResourceRouter
from app.api.sorting import sorting
from app.rendered import DocumentKind, Listing
from app.schemas import (
    SearchType,
)
from app.vocabulary import ParticipantKind, Side

router = ResourceRouter(prefix="/participants", tags=["participants"])


@router.get("", response_model=page_of(Listing.participants))
async def read_participants(
    request: Request,
    pagination: PaginationDep,
    side: Annotated[Side | None, Query(description="Only this side's participants.")] = None,
    kind: Annotated[ParticipantKind | None, Query(description="Persons or organizations.")] = None,
    q: SearchFilter = None,
    support: SupportFilter = None,
    claim: ClaimFilter = None,
    order: Annotated[
        list[str],
        sorting(id="item_id", name_en="name_en", name_ar="name_ar", side="side", kind="kind"),
    ] = [],  # noqa: B006  (FastAPI builds a new list per request)
) -> Response:
    """People and bodies named in the sources, with every title and spelling they are given."""
    query = ListQuery(Listing.participants, support=support, claim=claim, order=order)
    if side is not None:
        query.where("side = ?", side.value)
    if kind is not None:
        query.where("kind = ?", kind.value)
    query = keep_matching(database_of(request), query, q, SearchType.participant)
    return serve_page(database_of(request), query, pagination)


@router.get("/{participant_id}", response_model=document_of(DocumentKind.participant))
async def read_participant(
    request: Request, participant_id: RecordId, lang: LanguageQuery = None
) -> Response:
    """One participant: titles (each version cited), aliases, and what they said."""
    return serve_document(
        database_of(request),
        DocumentKind.participant,
        participant_id,
        lang,
    )


@router.get("/{participant_id}/rounds", response_model=page_of(Listing.participant_rounds))
async def read_participant_rounds(
    request: Request,
    participant: ParticipantKey,
    pagination: PaginationDep,
    support: SupportFilter = None,
    claim: ClaimFilter = None,
) -> Response:
    """The meetings a participant took part in, with the role; includes the Riyadh meeting."""
    query = ListQuery(Listing.participant_rounds, parent=participant, support=support, claim=claim)
    return serve_page(database_of(request), query, pagination)
